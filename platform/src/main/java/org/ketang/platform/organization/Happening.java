package org.ketang.platform.organization;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A lesson going on in a classroom at some instant, as answered by {@link Timetables#whatIsHappening}.
 *
 * @param teacherId     the teacher's staff id (not their account id), or {@code null} when the timetable names none
 * @param teacherUserId the teacher's account id, when they have one
 */
public record Happening(long classroomId, long schoolId, long termId, LocalDate date, Period period, long classId,
        String classFullName, String gradeName, long subjectId, String subjectCode, String subjectName,
        @Nullable Long teacherId, @Nullable String teacherName, @Nullable Long teacherUserId) {
}
