package org.ketang.platform.organization;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * A lesson held in a classroom in one period, as answered by {@link Timetables#whatIsHappening} (at an instant) and
 * {@link Timetables#lessonsIn} (over days).
 *
 * @param teacherId     the teacher's staff id (not their account id), or {@code null} when the timetable names none
 * @param teacherUserId the teacher's account id, when they have one
 */
public record Happening(long classroomId, long schoolId, long termId, LocalDate date, Period period, long classId,
        String classFullName, String gradeName, long subjectId, String subjectCode, String subjectName,
        @Nullable Long teacherId, @Nullable String teacherName, @Nullable Long teacherUserId) {

    /** When the period begins, reading the bell in {@code zone} (the district's, {@link OrganizationSettings#zone()}). */
    public Instant start(ZoneId zone) {
        return date.atTime(period.start()).atZone(zone).toInstant();
    }

    /** When the period ends, reading the bell in {@code zone}. */
    public Instant end(ZoneId zone) {
        return date.atTime(period.end()).atZone(zone).toInstant();
    }
}
