package org.ketang.platform.library;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;

/**
 * What a library lesson is, for modules that comment on or score lessons (observation, contests): answered only
 * when the actor may watch it (the library's own rule), so a lesson out of sight is the same as a missing one.
 */
public interface WatchedLessons {

    /** The lesson as {@code actor} may see it, or empty when it is missing, deleted or out of their sight. */
    Optional<Facts> seenBy(Actor actor, long lessonId);

    /** The lesson whatever the viewer (for events and aggregates), or empty when missing or deleted. */
    Optional<Facts> find(long lessonId);

    /**
     * A lesson's classification (names are snapshots taken with the ids).
     *
     * @param recordingStartedAt time 0 of its video when it was recorded in a classroom
     */
    record Facts(long lessonId, String title, long schoolId, String schoolName, @Nullable Long classroomId,
            @Nullable Instant recordingStartedAt, @Nullable String gradeName, @Nullable String className,
            @Nullable Long subjectId, @Nullable String subjectName, @Nullable Long teacherStaffId,
            @Nullable String teacherName, LocalDate recordedOn, @Nullable Integer periodNo,
            @Nullable Integer durationSeconds) {
    }
}
