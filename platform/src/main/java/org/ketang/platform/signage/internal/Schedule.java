package org.ketang.platform.signage.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A playlist of content on a time plan: from {@code startDate} to {@code endDate} (one day for a one-off, open-ended
 * when null), on some weekdays (all when empty), in a daily window (all day when the times are null; a window ending
 * at or before its start runs to midnight).
 *
 * @param level    {@link Level#SCHEDULED}, {@link Level#FORCED} (plays during lessons) or {@link Level#DEFAULT} (the
 *                 default loop)
 * @param priority breaks ties within a level: higher wins
 */
public record Schedule(long id, @Nullable Long schoolId, String name, Level level, int priority, List<Long> contentIds,
        Targets targets, LocalDate startDate, @Nullable LocalDate endDate, Set<DayOfWeek> weekdays,
        @Nullable LocalTime startTime, @Nullable LocalTime endTime) {

    public Schedule {
        if (level == Level.EMERGENCY) {
            throw new IllegalArgumentException("emergencies are pushed, not scheduled");
        }
        contentIds = List.copyOf(contentIds);
        weekdays = Set.copyOf(weekdays);
    }

    public boolean runsOn(LocalDate day) {
        return !day.isBefore(startDate) && (endDate == null || !day.isAfter(endDate))
                && (weekdays.isEmpty() || weekdays.contains(day.getDayOfWeek()));
    }

    /** The window this schedule claims on {@code day}, or empty when it does not run then. */
    public Optional<Window> windowOn(LocalDate day, ZoneId zone) {
        if (!runsOn(day)) {
            return Optional.empty();
        }
        ZonedDateTime midnight = day.atStartOfDay(zone);
        ZonedDateTime next = day.plusDays(1).atStartOfDay(zone);
        ZonedDateTime from = startTime == null ? midnight : day.atTime(startTime).atZone(zone);
        ZonedDateTime to = endTime == null || (startTime != null && !endTime.isAfter(startTime)) ? next
                : day.atTime(endTime).atZone(zone);
        return Optional.of(new Window(from.toInstant(), to.toInstant()));
    }
}
