package org.ketang.agent.protocol;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One planned recording of a device's schedule (a {@code VEVENT} in {@link ScheduleCalendar}).
 *
 * @param uid     stable id (the same timetable period on the same day always has the same uid)
 * @param start   when recording starts
 * @param end     when it stops
 * @param title   e.g. "七年级1班 数学 第2节 王芳"
 * @param live    whether to push live while recording
 * @param kind    {@link Kind#TIMETABLE} (from the timetable of a recording classroom) or {@link Kind#BOOKING}
 * @param details free text for people (class, subject, teacher), or null
 */
public record ScheduleEntry(String uid, Instant start, Instant end, String title, boolean live, Kind kind,
        @Nullable String details) {

    public ScheduleEntry {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A schedule entry must end after it starts: " + uid);
        }
    }

    /** Whether the entry covers {@code instant} (start inclusive, end exclusive). */
    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Where an entry comes from. */
    public enum Kind {
        TIMETABLE,
        BOOKING
    }
}
