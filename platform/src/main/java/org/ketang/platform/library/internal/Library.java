package org.ketang.platform.library.internal;

import org.ketang.platform.organization.Directory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.ingest.Uploads;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.LessonMedia;
import org.ketang.platform.library.LessonRecorded;
import org.ketang.platform.library.LibrarySettings;
import org.ketang.platform.library.RecordedLessons;
import org.ketang.platform.library.RecordingFacts;
import org.ketang.platform.library.UploadFacts;
import org.ketang.platform.library.Visibility;
import org.ketang.platform.media.MediaLibrary;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Timetables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The library's use cases on lessons: intake from uploads and recordings (classified from the timetable),
 * media progress, and edits by people. Permission checks are the callers' ({@link Viewer}); this class keeps
 * the lesson consistent (a class of the lesson's school, a subject that exists, …).
 */
@Service
@Transactional
public class Library implements LessonIntake, LessonMedia, RecordedLessons {

    private static final Logger log = LoggerFactory.getLogger(Library.class);

    private final Lessons lessons;
    private final Directory directory;
    private final Timetables timetables;
    private final UserAccounts accounts;
    private final LibrarySettings settings;
    private final OrganizationSettings organizationSettings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Uploads uploads;
    private final MediaLibrary media;
    private final Clock clock = Clock.systemUTC();

    Library(Lessons lessons, Directory directory, Timetables timetables, UserAccounts accounts, LibrarySettings settings,
            OrganizationSettings organizationSettings, ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager, Uploads uploads, MediaLibrary media) {
        this.uploads = uploads;
        this.media = media;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.lessons = lessons;
        this.directory = directory;
        this.timetables = timetables;
        this.accounts = accounts;
        this.settings = settings;
        this.organizationSettings = organizationSettings;
        this.events = events;
    }

    // ---------------------------------------------------------------- intake

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public long fromUpload(UploadFacts upload) {
        return once("upload:" + upload.uploadId(), () -> {
            Lesson.Classification classification = withUploadersChoices(
                    prefill(upload.uploaderUserId(), upload.uploadedAt()), upload);
            String title = upload.title() != null && !upload.title().isBlank() ? upload.title().strip()
                    : titleFromFile(upload.fileName());
            return Lesson.fromUpload(upload.uploadId(), upload.uploaderUserId(), title, classification,
                    settings.defaultVisibility(), clock.instant());
        });
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public long fromRecording(RecordingFacts recording) {
        return once(Lesson.recordingKey(recording.recorderId(), recording.classroomId(), recording.startedAt()),
                () -> classify(recording));
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public long fromRecordedUpload(RecordingFacts recording, String uploadId) {
        return withUploadedFile(fromRecording(recording), uploadId);
    }

    /**
     * Gives a lesson the file of a completed upload as its source: claims the file from ingest, submits it to media
     * and attaches the asset. Shared by teachers' uploads and recordings; every step is idempotent, so a listener run
     * again after a crash changes nothing twice. @return {@code lessonId}
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public long withUploadedFile(long lessonId, String uploadId) {
        Path file = uploads.claim(uploadId);
        long asset = media.submit(LessonIntake.ownerReference(lessonId), file);
        attachAsset(lessonId, asset);
        try {
            // media keeps its own copy (a hard link locally, an object in S3)
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove the uploaded file {} after handing it to media", file, e);
        }
        return lessonId;
    }

    /**
     * The lesson of a source: the stored one, else a new one in its own transaction. When another node or thread
     * stores the same source at the same time, the unique source key lets one insert win and the other answers it.
     */
    private long once(String sourceKey, java.util.function.Supplier<Lesson> create) {
        Optional<Lesson> existing = lessons.findBySource(sourceKey);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        try {
            Long id = transactions.execute(status -> {
                Lesson lesson = create.get();
                long stored = lessons.insert(lesson);
                events.publishEvent(new LessonChanged(stored));
                if (lesson.classroomId() != null && lesson.recordingStartedAt() != null) {
                    events.publishEvent(new LessonRecorded(stored, lesson.classroomId(), lesson.recordingStartedAt()));
                }
                return stored;
            });
            return java.util.Objects.requireNonNull(id);
        } catch (DuplicateKeyException raced) {
            return lessons.findBySource(sourceKey).orElseThrow(() -> raced).id();
        }
    }

    private Lesson classify(RecordingFacts recording) {
        LocalDate date = recording.startedAt().atZone(organizationSettings.zone()).toLocalDate();
        Optional<Happening> happening = recording.classifyAt().stream()
                .flatMap(at -> timetables.whatIsHappening(recording.classroomId(), at).stream()).findFirst();
        Lesson.Classification classification;
        String title;
        if (happening.isPresent()) {
            Happening h = happening.get();
            Optional<Directory.ClassInfo> schoolClass = directory.schoolClass(h.classId());
            classification = new Lesson.Classification(h.schoolId(), directory.schoolName(h.schoolId()),
                    schoolClass.map(Directory.ClassInfo::gradeId).orElse(null), h.gradeName(), h.classId(),
                    h.classFullName(), h.subjectId(), h.subjectName(), h.teacherId(), h.teacherUserId(), h.teacherName(),
                    h.date(), h.period().no());
            title = h.subjectName() + " · " + h.classFullName() + " · " + h.date().getMonthValue() + "月"
                    + h.date().getDayOfMonth() + "日第" + h.period().no() + "节";
        } else {
            long schoolId = directory.schoolOfClassroom(recording.classroomId())
                    .orElseThrow(() -> new IllegalArgumentException("unknown classroom " + recording.classroomId()));
            classification = new Lesson.Classification(schoolId, directory.schoolName(schoolId), null, null, null, null,
                    null, null, null, null, null, date, null);
            title = "课堂录像 " + date + " " + recording.startedAt().atZone(organizationSettings.zone()).toLocalTime()
                    .withSecond(0).withNano(0);
        }
        return Lesson.fromRecording(recording.recorderId(), recording.classroomId(), recording.startedAt(), title,
                classification, settings.defaultVisibility(), clock.instant());
    }

    /** The uploader's usual class and subject in their timetable, else their first subject, else just the school. */
    private Lesson.Classification prefill(long userId, Instant at) {
        LocalDate date = at.atZone(organizationSettings.zone()).toLocalDate();
        List<Directory.StaffInfo> staff = directory.staffOfUser(userId);
        for (Directory.StaffInfo member : staff) {
            Optional<Directory.Usual> usual = directory.usualLesson(member.staffId(), date);
            if (usual.isPresent()) {
                var c = usual.get().schoolClass();
                var s = usual.get().subject();
                return new Lesson.Classification(member.schoolId(), directory.schoolName(member.schoolId()), c.gradeId(),
                        c.gradeName(), c.classId(), c.fullName(), s.id(), s.name(), member.staffId(), userId, member.name(),
                        date, null);
            }
        }
        if (!staff.isEmpty()) {
            Directory.StaffInfo member = staff.get(0);
            var subject = directory.firstSubject(member.staffId());
            return new Lesson.Classification(member.schoolId(), directory.schoolName(member.schoolId()), null, null, null,
                    null, subject.map(Directory.Named::id).orElse(null), subject.map(Directory.Named::name).orElse(null),
                    member.staffId(), userId, member.name(), date, null);
        }
        UserAccounts.Account account = accounts.find(userId)
                .orElseThrow(() -> new IllegalArgumentException("unknown uploader " + userId));
        if (account.schoolId() == null) {
            throw ApiProblem.invalid("区级用户上传课例前需指定学校", "District users must name a school for an upload");
        }
        return new Lesson.Classification(account.schoolId(), directory.schoolName(account.schoolId()), null, null, null,
                null, null, null, null, null, null, date, null);
    }

    private static String titleFromFile(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String title = (dot > 0 ? name.substring(0, dot) : name).replace('_', ' ').strip();
        return title.isEmpty() ? "未命名课例" : title.length() > 200 ? title.substring(0, 200) : title;
    }

    // ---------------------------------------------------------------- recorded lessons (live classes)

    @Override
    @Transactional(readOnly = true)
    public Optional<Recorded> latestIn(long classroomId, Instant from, Instant to) {
        return lessons.latestRecordedIn(classroomId, from, to).map(l -> new Recorded(l.id(),
                java.util.Objects.requireNonNull(l.classroomId()), java.util.Objects.requireNonNull(l.recordingStartedAt())));
    }

    @Override
    public void markOpenClass(long lessonId, boolean open) {
        change(lessonId, l -> l.openClass(open, settings.defaultVisibility(), clock.instant()));
    }

    /** Makes a lesson's visibility at least {@code atLeast} (see {@link org.ketang.platform.library.LessonGrants#widen}). */
    void widen(long lessonId, Visibility atLeast) {
        change(lessonId, l -> l.widenTo(atLeast, clock.instant()));
    }

    // ---------------------------------------------------------------- media

    @Override
    public void attachAsset(long lessonId, long assetId) {
        change(lessonId, l -> l.attachAsset(assetId, clock.instant()));
    }

    @Override
    public void renditionPublished(long lessonId, int height) {
        change(lessonId, l -> l.renditionPublished(height, clock.instant()));
    }

    @Override
    public void ready(long lessonId, int durationSeconds, boolean hasPoster) {
        change(lessonId, l -> l.ready(durationSeconds, hasPoster, clock.instant()));
    }

    @Override
    public void rejected(long lessonId, String reasonZh, String reasonEn) {
        change(lessonId, l -> l.rejected(reasonZh, reasonEn, clock.instant()));
    }

    @Override
    public void failed(long lessonId, String reasonZh, String reasonEn) {
        change(lessonId, l -> l.failed(reasonZh, reasonEn, clock.instant()));
    }

    private void change(long lessonId, java.util.function.Predicate<Lesson> transition) {
        lessons.lock(lessonId).ifPresent(lesson -> {
            if (transition.test(lesson)) {
                lessons.update(lesson);
                events.publishEvent(new LessonChanged(lessonId));
            }
        });
    }

    /**
     * What the uploader chose on the upload form wins over the guess from their timetable. A class of another
     * school cannot be chosen on the form; should it arrive anyway, the timetable's classification stays.
     */
    private Lesson.Classification withUploadersChoices(Lesson.Classification c, UploadFacts upload) {
        long school = c.schoolId();
        Optional<Directory.ClassInfo> chosenClass = Optional.ofNullable(upload.classId())
                .flatMap(directory::schoolClass).filter(k -> k.schoolId() == school);
        Optional<Directory.Named> chosenSubject = Optional.ofNullable(upload.subjectId()).flatMap(directory::subject);
        return new Lesson.Classification(school, c.schoolName(),
                chosenClass.map(Directory.ClassInfo::gradeId).orElse(c.gradeId()),
                chosenClass.map(Directory.ClassInfo::gradeName).orElse(c.gradeName()),
                chosenClass.map(Directory.ClassInfo::classId).orElse(c.classId()),
                chosenClass.map(Directory.ClassInfo::fullName).orElse(c.className()),
                chosenSubject.map(Directory.Named::id).orElse(c.subjectId()),
                chosenSubject.map(Directory.Named::name).orElse(c.subjectName()), c.teacherStaffId(),
                c.teacherUserId(), c.teacherName(), upload.recordedOn() != null ? upload.recordedOn() : c.recordedOn(),
                upload.period() != null ? upload.period() : c.periodNo());
    }

    // ---------------------------------------------------------------- edits

    /** The lesson as it is now, locked: what the caller saw may be older than a media event that came since. */
    private Lesson current(Lesson seen) {
        return lessons.lock(seen.id()).orElseThrow(() -> ApiProblem.notFound("课例", "Lesson"));
    }

    /** What a person may change on a lesson; {@code null} ids clear that part of the classification. */
    public record Edit(String title, String description, @Nullable Long classId, @Nullable Long subjectId,
            @Nullable Long teacherStaffId, @Nullable String chapter, List<String> tags, LocalDate recordedOn,
            @Nullable Integer periodNo, Visibility visibility, boolean downloadable) {
    }

    public Lesson edit(Lesson seen, Edit edit) {
        Lesson lesson = current(seen);
        long school = lesson.schoolId();
        var c = lesson.classification();
        Directory.ClassInfo schoolClass = null;
        if (edit.classId() != null) {
            schoolClass = directory.schoolClass(edit.classId()).filter(k -> k.schoolId() == school)
                    .orElseThrow(() -> ApiProblem.invalid("班级不属于本课例的学校", "The class is not of the lesson's school"));
        }
        Directory.Named subject = null;
        if (edit.subjectId() != null) {
            subject = directory.subject(edit.subjectId())
                    .orElseThrow(() -> ApiProblem.invalid("未知学科", "Unknown subject"));
        }
        Directory.StaffInfo teacher = null;
        if (edit.teacherStaffId() != null) {
            teacher = directory.staff(edit.teacherStaffId()).filter(s -> s.schoolId() == school)
                    .orElseThrow(() -> ApiProblem.invalid("教师不属于本课例的学校", "The teacher is not of the lesson's school"));
        }
        Instant now = clock.instant();
        lesson.reclassify(new Lesson.Classification(school, c.schoolName(),
                schoolClass == null ? null : schoolClass.gradeId(), schoolClass == null ? null : schoolClass.gradeName(),
                schoolClass == null ? null : schoolClass.classId(), schoolClass == null ? null : schoolClass.fullName(),
                subject == null ? null : subject.id(), subject == null ? null : subject.name(),
                teacher == null ? null : teacher.staffId(), teacher == null ? null : teacher.userId(),
                teacher == null ? null : teacher.name(), edit.recordedOn(), edit.periodNo()), now);
        lesson.describe(edit.title(), edit.description(), edit.chapter(), edit.tags(), edit.visibility(),
                edit.downloadable(), now);
        lessons.update(lesson);
        events.publishEvent(new LessonChanged(lesson.id()));
        return lesson;
    }

    public void delete(Lesson seen) {
        Lesson lesson = current(seen);
        lesson.delete(clock.instant());
        lessons.update(lesson);
        events.publishEvent(new LessonChanged(lesson.id()));
    }
}
