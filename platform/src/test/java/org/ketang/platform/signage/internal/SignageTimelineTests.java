package org.ketang.platform.signage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ketang.platform.organization.Period;

/** The pure rule of what a screen plays when. */
class SignageTimelineTests {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final Screen GRADE8 = new Screen(10, 100, 1, 8L, 81L, Set.of("三楼"));
    static final Screen GRADE7 = new Screen(11, 101, 1, 7L, 71L, Set.of());
    static final List<Period> LESSONS = List.of(new Period(1, t("08:00"), t("08:45")), new Period(2, t("08:55"), t("09:40")));

    static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    static Instant at(String hhmm) {
        return MONDAY.atTime(t(hhmm)).atZone(ZONE).toInstant();
    }

    static Schedule schedule(long id, Level level, int priority, String targets, String from, String to, long... items) {
        return new Schedule(id, 1L, "s" + id, level, priority, java.util.Arrays.stream(items).boxed().toList(),
                Targets.parse(targets), MONDAY.minusDays(7), null, Set.of(), from == null ? null : t(from),
                to == null ? null : t(to));
    }

    static List<Slot> resolve(Screen screen, List<Schedule> schedules, List<Push> pushes) {
        return Timeline.resolve(screen, MONDAY, ZONE, schedules, pushes, LESSONS);
    }

    static Slot at(List<Slot> slots, String hhmm) {
        return slots.stream().filter(s -> !at(hhmm).isBefore(s.start()) && at(hhmm).isBefore(s.end())).findFirst()
                .orElse(null);
    }

    @Test
    void anOrdinaryItemWaitsForTheBreakWhileAForcedOnePlaysThroughTheLesson() {
        List<Slot> slots = resolve(GRADE8, List.of(schedule(1, Level.SCHEDULED, 0, "", "08:30", "09:00", 5),
                schedule(2, Level.FORCED, 0, "", "09:30", "09:35", 6)), List.of());

        assertThat(slots).extracting(Slot::sourceId, Slot::start, Slot::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, at("08:45"), at("08:55")),
                org.assertj.core.groups.Tuple.tuple(2L, at("09:30"), at("09:35")));
        assertThat(slots.get(0).anchor()).as("the playlist counts from the schedule's own start").isEqualTo(at("08:30"));
    }

    @Test
    void theDefaultLoopFillsOnlyBreaksAndTheTimeOutsideLessons() {
        List<Slot> slots = resolve(GRADE8, List.of(schedule(1, Level.DEFAULT, 0, "", null, null, 9)), List.of());

        assertThat(slots).extracting(Slot::start, Slot::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MONDAY.atStartOfDay(ZONE).toInstant(), at("08:00")),
                org.assertj.core.groups.Tuple.tuple(at("08:45"), at("08:55")),
                org.assertj.core.groups.Tuple.tuple(at("09:40"), MONDAY.plusDays(1).atStartOfDay(ZONE).toInstant()));
    }

    @Test
    void emergencyBeatsForcedBeatsScheduledBeatsTheDefaultLoop() {
        List<Schedule> schedules = List.of(schedule(1, Level.DEFAULT, 0, "", null, null, 1),
                schedule(2, Level.SCHEDULED, 0, "", "12:00", "13:00", 2),
                schedule(3, Level.FORCED, 0, "", "12:20", "12:40", 3));
        Push emergency = new Push(7, 1L, Level.EMERGENCY, List.of(4L), Targets.none(), at("12:25"), at("12:30"), null);

        List<Slot> slots = resolve(GRADE8, schedules, List.of(emergency));

        assertThat(at(slots, "11:59").sourceId()).isEqualTo(1);
        assertThat(at(slots, "12:10").sourceId()).isEqualTo(2);
        assertThat(at(slots, "12:21").sourceId()).isEqualTo(3);
        assertThat(at(slots, "12:26")).extracting(Slot::source, Slot::sourceId).containsExactly("push", 7L);
        assertThat(at(slots, "12:31").sourceId()).isEqualTo(3);
        assertThat(at(slots, "12:50").sourceId()).isEqualTo(2);
        assertThat(at(slots, "13:00").sourceId()).isEqualTo(1);
    }

    @Test
    void withinALevelHigherPriorityWinsThenTheNewerSchedule() {
        List<Slot> slots = resolve(GRADE8, List.of(schedule(1, Level.SCHEDULED, 5, "", "12:00", "13:00", 1),
                schedule(2, Level.SCHEDULED, 0, "", "12:00", "13:00", 2),
                schedule(3, Level.SCHEDULED, 5, "", "12:30", "13:00", 3)), List.of());

        assertThat(at(slots, "12:10").sourceId()).isEqualTo(1);
        assertThat(at(slots, "12:40").sourceId()).isEqualTo(3);
    }

    @Test
    void aForcedPushBeatsAForcedScheduleAndStopsWhenCancelled() {
        Push push = new Push(8, 1L, Level.FORCED, List.of(4L), Targets.none(), at("12:00"), null, at("12:10"));

        List<Slot> slots = resolve(GRADE8, List.of(schedule(1, Level.FORCED, 99, "", "11:00", "13:00", 1)), List.of(push));

        assertThat(at(slots, "12:05").source()).isEqualTo("push");
        assertThat(at(slots, "12:10").sourceId()).isEqualTo(1);
    }

    @Test
    void aGrade8ScreenDoesNotGetGrade7Content() {
        List<Schedule> schedules = List.of(schedule(1, Level.SCHEDULED, 0, "grade:7", "12:00", "13:00", 1));

        assertThat(resolve(GRADE8, schedules, List.of())).isEmpty();
        assertThat(resolve(GRADE7, schedules, List.of())).hasSize(1);
    }

    @Test
    void targetsReachByClassDisplayAndTagButNeverAnotherSchool() {
        Screen otherSchool = new Screen(12, 200, 2, 8L, 81L, Set.of("三楼"));
        for (String targets : List.of("class:81", "display:10", "tag:三楼", "school:1", "")) {
            assertThat(Targets.parse(targets).reach(GRADE8, 1L)).as(targets).isTrue();
            assertThat(Targets.parse(targets).reach(otherSchool, 1L)).as(targets).isFalse();
        }
        assertThat(Targets.parse("").reach(otherSchool, null)).as("district content, no targets").isTrue();
        assertThat(Targets.parse("class:71,tag:一楼").reach(GRADE8, 1L)).isFalse();
    }

    @Test
    void recurringSchedulesRunOnTheirWeekdaysWithinTheirDates() {
        Schedule weekdays = new Schedule(1, 1L, "课间操", Level.SCHEDULED, 0, List.of(1L), Targets.none(), MONDAY,
                MONDAY.plusDays(13), Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), t("10:00"), t("10:20"));

        assertThat(weekdays.runsOn(MONDAY)).isTrue();
        assertThat(weekdays.runsOn(MONDAY.plusDays(1))).isFalse();
        assertThat(weekdays.runsOn(MONDAY.plusDays(9))).isTrue();
        assertThat(weekdays.runsOn(MONDAY.plusDays(14))).as("after the end date").isFalse();
        assertThat(weekdays.runsOn(MONDAY.minusDays(5))).as("before the start date").isFalse();
    }

    @Test
    void aWindowPastMidnightRunsToTheEndOfTheDay() {
        List<Slot> slots = resolve(GRADE8, List.of(schedule(1, Level.SCHEDULED, 0, "", "22:00", "02:00", 1)), List.of());

        assertThat(slots).singleElement().extracting(Slot::end)
                .isEqualTo(MONDAY.plusDays(1).atStartOfDay(ZONE).toInstant());
    }

    @Test
    void adjacentPiecesOfOneScheduleMergeAndNothingOverlaps() {
        List<Slot> slots = resolve(GRADE8, List.of(schedule(1, Level.DEFAULT, 0, "", null, null, 1),
                schedule(2, Level.SCHEDULED, 0, "", "12:00", "12:30", 2),
                schedule(3, Level.SCHEDULED, 1, "", "12:10", "12:20", 3)), List.of());

        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i).start()).isAfterOrEqualTo(slots.get(i - 1).end());
            assertThat(slots.get(i).sameClaim(slots.get(i - 1)) && slots.get(i).start().equals(slots.get(i - 1).end()))
                    .isFalse();
        }
        assertThat(slots).extracting(Slot::sourceId).containsExactly(1L, 1L, 1L, 2L, 3L, 2L, 1L);
    }
}
