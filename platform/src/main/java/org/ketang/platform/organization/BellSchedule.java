package org.ketang.platform.organization;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A school's bell schedule (作息时间): its kinds of day, each listing its weekdays and periods. A weekday
 * belongs to at most one kind; a weekday in no kind has no lessons.
 */
public record BellSchedule(List<DayKind> dayKinds) {

    public BellSchedule {
        dayKinds = List.copyOf(dayKinds);
        Set<DayOfWeek> seen = EnumSet.noneOf(DayOfWeek.class);
        for (DayKind kind : dayKinds) {
            for (DayOfWeek day : kind.weekdays()) {
                if (!seen.add(day)) {
                    throw new IllegalArgumentException(day + " belongs to more than one kind of day");
                }
            }
        }
    }

    public static BellSchedule none() {
        return new BellSchedule(List.of());
    }

    /** The kind of day that {@code day} is, if the school has lessons on it. */
    public Optional<DayKind> on(DayOfWeek day) {
        return dayKinds.stream().filter(k -> k.weekdays().contains(day)).findFirst();
    }

    /** The period going on at {@code time} on {@code day}; empty between periods, before, after, or on days off. */
    public Optional<Period> periodAt(DayOfWeek day, LocalTime time) {
        return on(day).flatMap(kind -> kind.periodAt(time));
    }

    /** Whether a lesson can be placed in period {@code no} on {@code day}. */
    public boolean hasPeriod(DayOfWeek day, int no) {
        return on(day).flatMap(kind -> kind.period(no)).isPresent();
    }

    /** The periods of the first (main) kind of day, for a timetable's header. */
    public List<Period> mainPeriods() {
        return dayKinds.isEmpty() ? List.of() : dayKinds.get(0).periods();
    }
}
