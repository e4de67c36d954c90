package org.ketang.platform.observation.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A lesson under observation: a live session until it becomes a library lesson, or a library lesson reviewed from its
 * recording. Comments are offsets from {@code timeZero} (the live session's start, then the recording's start).
 */
public record ObservedLesson(long id, long schoolId, @Nullable Long classroomId, @Nullable Long liveSessionId,
        @Nullable Long lessonId, @Nullable Instant timeZero, LocalDate date, @Nullable Integer periodNo, String title,
        @Nullable String className, @Nullable String gradeName, @Nullable Long subjectId, @Nullable String subjectName,
        @Nullable Long teacherStaffId, @Nullable String teacherName) {

    /** Still a live class: comments without a player time are placed at the moment they are posted. */
    public boolean live() {
        return liveSessionId != null && lessonId == null;
    }
}
