package org.ketang.platform.organization.internal;

import org.jspecify.annotations.Nullable;

/** One cell of a weekly timetable, with names resolved for display. */
public record Lesson(long id, long termId, long classId, String gradeName, String classFullName, int weekday, int period,
        long subjectId, String subjectCode, String subjectName, @Nullable Long teacherId, @Nullable String teacherName,
        @Nullable Long teacherUserId, @Nullable Long classroomId, @Nullable String classroomName) {
}
