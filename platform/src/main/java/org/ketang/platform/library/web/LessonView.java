package org.ketang.platform.library.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.library.LessonStatus;
import org.ketang.platform.library.Visibility;
import org.ketang.platform.library.internal.Lesson;
import org.ketang.platform.library.internal.Viewer;

/** A lesson as the API shows it; {@code reason} only for its owners and managers, {@code resumeAt} only for me. */
record LessonView(long id, String title, String description, long schoolId, String schoolName, @Nullable Ref grade,
        @Nullable Ref schoolClass, @Nullable Ref subject, @Nullable Teacher teacher, @Nullable String chapter,
        List<String> tags, LocalDate recordedOn, @Nullable Integer period, @Nullable Integer durationSeconds,
        Visibility visibility, LessonStatus status, @Nullable Reason reason, boolean downloadable, String source,
        boolean poster, List<Integer> renditions, long views, Instant createdAt, boolean mine, boolean editable,
        @Nullable Boolean favourite, @Nullable Integer resumeAt, @Nullable Long assetId) {

    record Ref(long id, String name) {
    }

    record Teacher(@Nullable Long staffId, @Nullable Long userId, @Nullable String name) {
    }

    record Reason(@Nullable String zh, @Nullable String en) {
    }

    static LessonView of(Lesson l, Viewer viewer) {
        return of(l, viewer, null, null);
    }

    static LessonView of(Lesson l, Viewer viewer, @Nullable Boolean favourite, @Nullable Integer resumeAt) {
        var c = l.classification();
        boolean editable = viewer.edits(l);
        return new LessonView(l.id(), l.title(), l.description(), c.schoolId(), c.schoolName(),
                ref(c.gradeId(), c.gradeName()), ref(c.classId(), c.className()), ref(c.subjectId(), c.subjectName()),
                c.teacherStaffId() == null && c.teacherUserId() == null && c.teacherName() == null ? null
                        : new Teacher(c.teacherStaffId(), c.teacherUserId(), c.teacherName()),
                l.chapter(), l.tags(), c.recordedOn(), c.periodNo(), l.durationSeconds(), l.visibility(), l.status(),
                editable && l.reasonZh() != null ? new Reason(l.reasonZh(), l.reasonEn()) : null, l.downloadable(),
                l.source().name(), l.hasPoster(), l.renditions(), l.viewCount(), l.createdAt(), l.ownedBy(viewer.userId()),
                editable, favourite, resumeAt, editable ? l.assetId() : null);
    }

    private static @Nullable Ref ref(@Nullable Long id, @Nullable String name) {
        return id == null ? null : new Ref(id, name == null ? "" : name);
    }
}
