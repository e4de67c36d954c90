package org.ketang.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BellScheduleTests {

    static final BellSchedule BELLS = new BellSchedule(List.of(
            new DayKind("常规", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), List.of(
                    period(1, "08:00", "08:45"), period(2, "08:55", "09:40"), period(3, "10:00", "10:45"))),
            new DayKind("周五", Set.of(DayOfWeek.FRIDAY), List.of(
                    period(1, "08:00", "08:40"), period(2, "08:50", "09:30")))));

    static Period period(int no, String start, String end) {
        return new Period(no, LocalTime.parse(start), LocalTime.parse(end));
    }

    @Test
    void findsThePeriodGoingOnAtATime() {
        assertThat(BELLS.periodAt(DayOfWeek.MONDAY, LocalTime.parse("09:05"))).contains(period(2, "08:55", "09:40"));
        assertThat(BELLS.periodAt(DayOfWeek.MONDAY, LocalTime.parse("08:00"))).contains(period(1, "08:00", "08:45"));
    }

    @Test
    void nothingBetweenPeriodsAndAtTheBell() {
        assertThat(BELLS.periodAt(DayOfWeek.TUESDAY, LocalTime.parse("08:50"))).isEmpty();
        assertThat(BELLS.periodAt(DayOfWeek.TUESDAY, LocalTime.parse("08:45"))).isEmpty();
        assertThat(BELLS.periodAt(DayOfWeek.TUESDAY, LocalTime.parse("07:59"))).isEmpty();
        assertThat(BELLS.periodAt(DayOfWeek.TUESDAY, LocalTime.parse("11:00"))).isEmpty();
    }

    @Test
    void fridayFollowsItsOwnShorterBells() {
        assertThat(BELLS.periodAt(DayOfWeek.FRIDAY, LocalTime.parse("08:42"))).isEmpty();
        assertThat(BELLS.periodAt(DayOfWeek.THURSDAY, LocalTime.parse("08:42"))).map(Period::no).contains(1);
        assertThat(BELLS.periodAt(DayOfWeek.FRIDAY, LocalTime.parse("10:10"))).isEmpty();
        assertThat(BELLS.hasPeriod(DayOfWeek.FRIDAY, 3)).isFalse();
        assertThat(BELLS.hasPeriod(DayOfWeek.MONDAY, 3)).isTrue();
    }

    @Test
    void weekendHasNoLessons() {
        assertThat(BELLS.periodAt(DayOfWeek.SATURDAY, LocalTime.parse("09:00"))).isEmpty();
        assertThat(BELLS.on(DayOfWeek.SUNDAY)).isEmpty();
    }

    @Test
    void aWeekdayBelongsToOneKindOfDayOnly() {
        assertThatThrownBy(() -> new BellSchedule(List.of(
                new DayKind("a", Set.of(DayOfWeek.MONDAY), List.of(period(1, "08:00", "08:45"))),
                new DayKind("b", Set.of(DayOfWeek.MONDAY), List.of(period(1, "08:00", "08:45"))))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void periodsMustNotOverlapOrRepeat() {
        assertThatThrownBy(() -> new DayKind("a", Set.of(DayOfWeek.MONDAY),
                List.of(period(1, "08:00", "08:45"), period(2, "08:40", "09:20"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DayKind("a", Set.of(DayOfWeek.MONDAY),
                List.of(period(1, "08:00", "08:45"), period(1, "09:00", "09:45"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> period(1, "09:00", "08:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
