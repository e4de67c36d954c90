package org.ketang.platform.organization;

import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A kind of school day (e.g. 常规 Monday–Thursday, 周五 a shorter Friday) and its periods. */
public record DayKind(String name, Set<DayOfWeek> weekdays, List<Period> periods) {

    public DayKind {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a day kind needs a name");
        }
        weekdays = weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
        periods = periods.stream().sorted(Comparator.comparingInt(Period::no)).toList();
        for (int i = 1; i < periods.size(); i++) {
            Period before = periods.get(i - 1);
            Period after = periods.get(i);
            if (before.no() == after.no()) {
                throw new IllegalArgumentException(name + ": period " + after.no() + " appears twice");
            }
            if (before.overlaps(after) || after.start().isBefore(before.end())) {
                throw new IllegalArgumentException(name + ": period " + after.no() + " overlaps period " + before.no());
            }
        }
    }

    /** The period going on at {@code time}, or empty between periods and outside school hours. */
    public Optional<Period> periodAt(java.time.LocalTime time) {
        return periods.stream().filter(p -> p.contains(time)).findFirst();
    }

    public Optional<Period> period(int no) {
        return periods.stream().filter(p -> p.no() == no).findFirst();
    }
}
