package org.ketang.recorder.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.recorder.AgentJson;

import tools.jackson.core.type.TypeReference;

/**
 * Records on time from the cached schedule, online or not. Each second: when nothing is being recorded and an
 * entry covers now, its recording starts (live too when the entry says so) with the entry's end as planned end; an
 * entry whose recording ended while the agent watched (stopped by hand, or at its end) is not started again, but
 * one interrupted by a crash is (the agent records the rest). A one-click recording that is running when an entry
 * begins is left alone (the platform classifies it afterwards); the entry starts if it stops early. When the
 * schedule moves the end of the running entry, the planned end follows.
 */
public final class ScheduleRunner {

    private static final System.Logger log = System.getLogger(ScheduleRunner.class.getName());
    /** An entry with less left than this is not started any more. */
    static final Duration TOO_LATE = Duration.ofSeconds(60);

    /** What the runner drives (the recorder). */
    public interface Studio {

        /** The schedule uid of the running recording ("" for a one-click one), or empty when idle. */
        Optional<String> runningScheduleUid();

        /** Starts recording {@code entry} until its end. */
        void start(ScheduleEntry entry) throws Exception;

        /** Moves the planned end of the running recording. */
        void plannedEnd(Instant end);

        /** The running recording's planned end, or null. */
        @Nullable Instant plannedEnd();
    }

    private final Supplier<List<ScheduleEntry>> schedule;
    private final Studio studio;
    private final Clock clock;
    private final Path stateFile;
    /** uid → the entry's end: entries whose recording ended (or that were skipped) while the agent watched. */
    private final Map<String, Instant> done = new LinkedHashMap<>();
    private @Nullable String watching;
    private @Nullable String lastProblem;

    public ScheduleRunner(Supplier<List<ScheduleEntry>> schedule, Studio studio, Clock clock, Path stateFile) {
        this.schedule = schedule;
        this.studio = studio;
        this.clock = clock;
        this.stateFile = stateFile;
        if (Files.exists(stateFile)) {
            try {
                done.putAll(AgentJson.MAPPER.readValue(Files.readAllBytes(stateFile),
                        new TypeReference<LinkedHashMap<String, Instant>>() {
                        }));
            } catch (IOException | RuntimeException unreadable) {
                // start clean
            }
        }
    }

    /** One look at the clock and the schedule. */
    public synchronized void tick() {
        Instant now = clock.instant();
        List<ScheduleEntry> entries = schedule.get();
        Optional<String> running = studio.runningScheduleUid();
        // a scheduled recording we watched has ended: its entry is done
        if (watching != null && !running.map(watching::equals).orElse(false)) {
            markDone(watching, entries);
            watching = null;
        }
        if (running.isPresent()) {
            String uid = running.get();
            if (!uid.isEmpty()) {
                watching = uid;
                entries.stream().filter(e -> e.uid().equals(uid)).findFirst().ifPresent(e -> {
                    Instant planned = studio.plannedEnd();
                    if (planned != null && !planned.equals(e.end()) && e.end().isAfter(now)) {
                        log.log(System.Logger.Level.INFO, "Schedule moved the end of " + uid + " to " + e.end());
                        studio.plannedEnd(e.end());
                    }
                });
            }
            return;
        }
        Optional<ScheduleEntry> due = entries.stream().filter(e -> e.covers(now)).filter(e -> !done.containsKey(e.uid()))
                .min(Comparator.comparing(ScheduleEntry::start));
        if (due.isEmpty()) {
            return;
        }
        ScheduleEntry entry = due.get();
        if (Duration.between(now, entry.end()).compareTo(TOO_LATE) < 0) {
            markDone(entry.uid(), entries);
            return;
        }
        try {
            studio.start(entry);
            watching = entry.uid();
            lastProblem = null;
            log.log(System.Logger.Level.INFO, "Scheduled recording started: " + entry.uid() + " " + entry.title());
        } catch (Exception e) {
            String problem = e.getMessage();
            if (!java.util.Objects.equals(problem, lastProblem)) {
                log.log(System.Logger.Level.WARNING, "Scheduled recording " + entry.uid() + " could not start: "
                        + problem);
                lastProblem = problem;
            }
        }
        prune(now);
    }

    /** Whether the entry was dealt with (for tests and the page). */
    public synchronized boolean done(String uid) {
        return done.containsKey(uid);
    }

    private void markDone(String uid, List<ScheduleEntry> entries) {
        Instant end = entries.stream().filter(e -> e.uid().equals(uid)).map(ScheduleEntry::end).findFirst()
                .orElse(clock.instant());
        done.put(uid, end);
        persist();
    }

    private void prune(Instant now) {
        if (done.values().removeIf(end -> end.isBefore(now.minus(Duration.ofDays(2))))) {
            persist();
        }
    }

    private void persist() {
        try {
            AgentJson.writeAtomically(stateFile, new LinkedHashMap<>(done));
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "Cannot store the schedule state: " + e.getMessage());
        }
    }
}
