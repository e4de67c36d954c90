package org.ketang.recorder.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.recorder.FakePlatform;
import org.ketang.recorder.MutableClock;
import org.ketang.recorder.control.PlatformClient;

class ScheduleRunnerTests {

    static final Instant EIGHT = Instant.parse("2026-11-24T00:00:00Z");

    @TempDir
    Path data;
    MutableClock clock = new MutableClock(EIGHT.minusSeconds(60));
    List<ScheduleEntry> entries = new ArrayList<>();
    FakeStudio studio = new FakeStudio();

    /** A recorder that just notes what it was told. */
    final class FakeStudio implements ScheduleRunner.Studio {
        String running;
        Instant plannedEnd;
        boolean live;
        List<String> started = new ArrayList<>();

        @Override
        public Optional<String> runningScheduleUid() {
            return Optional.ofNullable(running);
        }

        @Override
        public void start(ScheduleEntry entry) {
            running = entry.uid();
            plannedEnd = entry.end();
            live = entry.live();
            started.add(entry.uid() + "@" + clock.instant());
        }

        @Override
        public void plannedEnd(Instant end) {
            plannedEnd = end;
        }

        @Override
        public Instant plannedEnd() {
            return plannedEnd;
        }

        /** What the recorder does at the planned end (or a teacher pressing stop). */
        void stop() {
            running = null;
            plannedEnd = null;
        }
    }

    ScheduleRunner runner() {
        return new ScheduleRunner(() -> entries, studio, clock, data.resolve("schedule-state.json"));
    }

    static ScheduleEntry entry(String uid, Instant start, int minutes, boolean live) {
        return new ScheduleEntry(uid, start, start.plus(Duration.ofMinutes(minutes)), "七年级1班 数学 " + uid, live,
                ScheduleEntry.Kind.TIMETABLE, null);
    }

    @Test
    void aPeriodStartsOnTimeWithItsEndAndLive() {
        entries.add(entry("p1", EIGHT, 45, true));
        ScheduleRunner runner = runner();

        runner.tick();
        assertThat(studio.started).isEmpty();
        clock.set(EIGHT.minusMillis(1));
        runner.tick();
        assertThat(studio.started).isEmpty();
        clock.set(EIGHT);
        runner.tick();

        assertThat(studio.started).containsExactly("p1@" + EIGHT);
        assertThat(studio.plannedEnd).isEqualTo(EIGHT.plus(Duration.ofMinutes(45)));
        assertThat(studio.live).isTrue();
        clock.advance(Duration.ofMinutes(10));
        runner.tick();
        assertThat(studio.started).hasSize(1);
    }

    @Test
    void aRecordingStoppedByHandIsNotStartedAgainButTheNextPeriodIs() {
        entries.add(entry("p1", EIGHT, 45, false));
        entries.add(entry("p2", EIGHT.plus(Duration.ofMinutes(55)), 45, false));
        ScheduleRunner runner = runner();
        clock.set(EIGHT.plusSeconds(5));
        runner.tick();

        studio.stop();
        clock.advance(Duration.ofMinutes(1));
        runner.tick();
        runner.tick();
        assertThat(studio.started).hasSize(1);
        assertThat(runner.done("p1")).isTrue();

        clock.set(EIGHT.plus(Duration.ofMinutes(55)));
        runner.tick();
        assertThat(studio.started).hasSize(2).last().asString().startsWith("p2@");
    }

    @Test
    void afterACrashThePeriodIsRecordedOnFromTheCachedState() {
        entries.add(entry("p1", EIGHT, 45, false));
        clock.set(EIGHT.plusSeconds(5));
        runner().tick();
        assertThat(studio.started).hasSize(1);

        // the agent dies; the new one finds nothing running, the period still on
        studio.running = null;
        clock.advance(Duration.ofMinutes(3));
        runner().tick();

        assertThat(studio.started).hasSize(2);
        assertThat(studio.plannedEnd).isEqualTo(EIGHT.plus(Duration.ofMinutes(45)));
    }

    @Test
    void aOneClickRecordingIsLeftAloneAndThePeriodStartsWhenItStops() {
        entries.add(entry("p1", EIGHT, 45, false));
        ScheduleRunner runner = runner();
        studio.running = "";
        clock.set(EIGHT.plusSeconds(30));
        runner.tick();
        assertThat(studio.started).isEmpty();

        studio.running = null;
        clock.advance(Duration.ofMinutes(5));
        runner.tick();
        assertThat(studio.started).hasSize(1);
    }

    @Test
    void aMovedEndIsFollowedAndAnAlmostOverPeriodIsSkipped() {
        entries.add(entry("p1", EIGHT, 45, false));
        ScheduleRunner runner = runner();
        clock.set(EIGHT);
        runner.tick();
        entries.set(0, entry("p1", EIGHT, 60, false));
        runner.tick();
        assertThat(studio.plannedEnd).isEqualTo(EIGHT.plus(Duration.ofMinutes(60)));

        studio.stop();
        entries.add(entry("late", EIGHT.plus(Duration.ofMinutes(60)), 10, false));
        clock.set(EIGHT.plus(Duration.ofMinutes(70)).minusSeconds(30));
        runner.tick();
        runner.tick();
        assertThat(studio.started).hasSize(1);
        assertThat(runner.done("late")).isTrue();
    }

    @Test
    void theCachedScheduleIsUsedWhileThePlatformIsAwayAndRefreshedWithItsEtag() throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            platform.schedule(List.of(entry("p1", EIGHT, 45, true)));
            PlatformClient client = new PlatformClient(platform.uri(), () -> Optional.of(FakePlatform.TOKEN));
            ScheduleCache cache = new ScheduleCache(data);

            assertThat(cache.refresh(client)).isTrue();
            assertThat(cache.refresh(client)).isFalse();
            assertThat(platform.schedule304.get()).isEqualTo(1);
            assertThat(cache.etag()).isEqualTo(platform.etag());

            platform.goOffline();
            ScheduleCache restarted = new ScheduleCache(data);
            assertThat(restarted.entries()).extracting(ScheduleEntry::uid).containsExactly("p1");
            new ScheduleRunner(restarted::entries, studio, clock, data.resolve("state.json")).tick();
            clock.set(EIGHT);
            new ScheduleRunner(restarted::entries, studio, clock, data.resolve("state.json")).tick();
            assertThat(studio.started).containsExactly("p1@" + EIGHT);
        }
    }
}
