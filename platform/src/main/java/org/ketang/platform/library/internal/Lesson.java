package org.ketang.platform.library.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.library.LessonStatus;
import org.ketang.platform.library.Visibility;

/**
 * A lesson (课例): its classification (snapshots of names, so that it reads well after a class is renamed),
 * its source, its media and its status. The status transitions live here; {@link Lessons} stores it.
 */
public class Lesson {

    /** Where a lesson came from. */
    public enum Source {
        UPLOAD, RECORDING
    }

    /** What the timetable (or a person) says the lesson is. Names are snapshots taken with the ids. */
    public record Classification(long schoolId, String schoolName, @Nullable Long gradeId, @Nullable String gradeName,
            @Nullable Long classId, @Nullable String className, @Nullable Long subjectId, @Nullable String subjectName,
            @Nullable Long teacherStaffId, @Nullable Long teacherUserId, @Nullable String teacherName,
            LocalDate recordedOn, @Nullable Integer periodNo) {
    }

    @Nullable Long id;
    final String sourceKey;
    final Source source;
    final @Nullable String uploadId;
    final @Nullable Long recorderId;
    final @Nullable Long classroomId;
    final @Nullable Instant recordingStartedAt;
    final @Nullable Long uploaderUserId;
    String title;
    String description;
    Classification classification;
    @Nullable String chapter;
    List<String> tags;
    @Nullable Integer durationSeconds;
    Visibility visibility;
    boolean downloadable;
    LessonStatus status;
    @Nullable String reasonZh;
    @Nullable String reasonEn;
    @Nullable Long assetId;
    boolean hasPoster;
    boolean hasSprite;
    TreeSet<Integer> renditions;
    long viewCount;
    Instant createdAt;
    Instant updatedAt;
    @Nullable Instant deletedAt;

    Lesson(@Nullable Long id, String sourceKey, Source source, @Nullable String uploadId, @Nullable Long recorderId,
            @Nullable Long classroomId, @Nullable Instant recordingStartedAt, @Nullable Long uploaderUserId, String title,
            String description, Classification classification, @Nullable String chapter, List<String> tags,
            @Nullable Integer durationSeconds, Visibility visibility, boolean downloadable, LessonStatus status,
            @Nullable String reasonZh, @Nullable String reasonEn, @Nullable Long assetId, boolean hasPoster,
            boolean hasSprite, TreeSet<Integer> renditions, long viewCount, Instant createdAt, Instant updatedAt,
            @Nullable Instant deletedAt) {
        this.id = id;
        this.sourceKey = sourceKey;
        this.source = source;
        this.uploadId = uploadId;
        this.recorderId = recorderId;
        this.classroomId = classroomId;
        this.recordingStartedAt = recordingStartedAt;
        this.uploaderUserId = uploaderUserId;
        this.title = title;
        this.description = description;
        this.classification = classification;
        this.chapter = chapter;
        this.tags = List.copyOf(tags);
        this.durationSeconds = durationSeconds;
        this.visibility = visibility;
        this.downloadable = downloadable;
        this.status = status;
        this.reasonZh = reasonZh;
        this.reasonEn = reasonEn;
        this.assetId = assetId;
        this.hasPoster = hasPoster;
        this.hasSprite = hasSprite;
        this.renditions = renditions;
        this.viewCount = viewCount;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.deletedAt = deletedAt;
    }

    static Lesson fromUpload(String uploadId, long uploaderUserId, String title, Classification classification,
            Visibility visibility, Instant now) {
        return new Lesson(null, "upload:" + uploadId, Source.UPLOAD, uploadId, null, null, null, uploaderUserId, title, "",
                classification, null, List.of(), null, visibility, false, LessonStatus.PROCESSING, null, null, null, false,
                false, new TreeSet<>(), 0, now, now, null);
    }

    static Lesson fromRecording(long recorderId, long classroomId, Instant startedAt, String title,
            Classification classification, Visibility visibility, Instant now) {
        return new Lesson(null, recordingKey(recorderId, classroomId, startedAt), Source.RECORDING, null, recorderId,
                classroomId, startedAt, null, title, "", classification, null, List.of(), null, visibility, false,
                LessonStatus.PROCESSING, null, null, null, false, false, new TreeSet<>(), 0, now, now, null);
    }

    static String recordingKey(long recorderId, long classroomId, Instant startedAt) {
        return "recording:" + recorderId + ":" + classroomId + ":" + startedAt.toEpochMilli();
    }

    // --- media transitions: each answers whether it changed anything (redelivered events change nothing)

    boolean attachAsset(long asset, Instant now) {
        if (deletedAt != null || (assetId != null && assetId == asset)) {
            return false;
        }
        assetId = asset;
        return touched(now);
    }

    /** PROCESSING → PLAYABLE when the first rendition is published; later renditions are only recorded. */
    boolean renditionPublished(int height, Instant now) {
        if (deletedAt != null || status == LessonStatus.REJECTED || status == LessonStatus.FAILED
                || !renditions.add(height)) {
            return false;
        }
        if (status == LessonStatus.PROCESSING) {
            status = LessonStatus.PLAYABLE;
        }
        return touched(now);
    }

    /** PROCESSING/PLAYABLE → READY. */
    boolean ready(int duration, boolean poster, Instant now) {
        if (deletedAt != null || status == LessonStatus.REJECTED || status == LessonStatus.FAILED
                || status == LessonStatus.READY) {
            return false;
        }
        status = LessonStatus.READY;
        durationSeconds = duration;
        hasPoster = poster;
        hasSprite = poster;
        return touched(now);
    }

    /** PROCESSING → REJECTED (the source is not usable video); a playable lesson is never rejected afterwards. */
    boolean rejected(String zh, String en, Instant now) {
        return stop(LessonStatus.REJECTED, zh, en, now);
    }

    /** PROCESSING → FAILED; a lesson already playable stays playable (a higher rendition failed). */
    boolean failed(String zh, String en, Instant now) {
        return stop(LessonStatus.FAILED, zh, en, now);
    }

    private boolean stop(LessonStatus to, String zh, String en, Instant now) {
        if (deletedAt != null || status != LessonStatus.PROCESSING) {
            return false;
        }
        status = to;
        reasonZh = zh;
        reasonEn = en;
        return touched(now);
    }

    // --- edits by people

    void describe(String newTitle, String newDescription, @Nullable String newChapter, List<String> newTags,
            Visibility newVisibility, boolean newDownloadable, Instant now) {
        title = newTitle.strip();
        description = newDescription.strip();
        chapter = newChapter == null || newChapter.isBlank() ? null : newChapter.strip();
        tags = cleanTags(newTags);
        visibility = newVisibility;
        downloadable = newDownloadable;
        touched(now);
    }

    /** An open class (公开课) is PUBLIC; no longer open, a PUBLIC lesson returns to {@code otherwise}. */
    boolean openClass(boolean open, Visibility otherwise, Instant now) {
        Visibility next = open ? Visibility.PUBLIC : visibility == Visibility.PUBLIC ? otherwise : visibility;
        if (deletedAt != null || next == visibility) {
            return false;
        }
        visibility = next;
        return touched(now);
    }

    boolean widenTo(Visibility atLeast, Instant now) {
        if (deletedAt != null || visibility.compareTo(atLeast) >= 0) {
            return false;
        }
        visibility = atLeast;
        return touched(now);
    }

    void reclassify(Classification newClassification, Instant now) {
        if (newClassification.schoolId() != classification.schoolId()) {
            throw new IllegalArgumentException("a lesson stays in its school");
        }
        classification = newClassification;
        touched(now);
    }

    void delete(Instant now) {
        if (deletedAt == null) {
            deletedAt = now;
            touched(now);
        }
    }

    static List<String> cleanTags(List<String> raw) {
        List<String> clean = new ArrayList<>();
        for (String tag : raw) {
            String t = tag.strip().replace(",", "，");
            if (!t.isEmpty() && !clean.contains(t) && clean.size() < 20) {
                clean.add(t);
            }
        }
        return List.copyOf(clean);
    }

    private boolean touched(Instant now) {
        updatedAt = now;
        return true;
    }

    /** Whether the account is this lesson's teacher or uploader. */
    public boolean ownedBy(long userId) {
        return (classification.teacherUserId() != null && classification.teacherUserId() == userId)
                || (uploaderUserId != null && uploaderUserId == userId);
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("not stored yet");
        }
        return id;
    }

    public String title() { return title; }
    public String description() { return description; }
    public Classification classification() { return classification; }
    public long schoolId() { return classification.schoolId(); }
    public @Nullable String chapter() { return chapter; }
    public List<String> tags() { return tags; }
    public @Nullable Integer durationSeconds() { return durationSeconds; }
    public Visibility visibility() { return visibility; }
    public boolean downloadable() { return downloadable; }
    public LessonStatus status() { return status; }
    public @Nullable String reasonZh() { return reasonZh; }
    public @Nullable String reasonEn() { return reasonEn; }
    public @Nullable Long assetId() { return assetId; }
    public boolean hasPoster() { return hasPoster; }
    public boolean hasSprite() { return hasSprite; }
    public List<Integer> renditions() { return List.copyOf(renditions); }
    public long viewCount() { return viewCount; }
    public Source source() { return source; }
    public @Nullable String uploadId() { return uploadId; }
    public @Nullable Long uploaderUserId() { return uploaderUserId; }
    public @Nullable Long classroomId() { return classroomId; }
    public @Nullable Long recorderId() { return recorderId; }
    public @Nullable Instant recordingStartedAt() { return recordingStartedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public boolean deleted() { return deletedAt != null; }
}
