package org.ketang.platform.signage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.ketang.platform.organization.Period;

/**
 * The rule that decides what one screen plays when, as a pure function. Emergency > forced > scheduled > default
 * loop; within a level a push beats a schedule, then the higher priority, then the newer (higher id). Ordinary and
 * default items never play in the classroom's lesson periods; forced and emergency ones do. Time nothing claims is
 * left out (the screen is idle, showing the clock).
 */
public final class Timeline {

    private Timeline() {
    }

    /** A claim on the screen for a stretch of time, before conflicts are resolved. */
    private record Claim(Window window, Slot template) {
    }

    /**
     * The resolved slots of {@code screen} on {@code day} (local midnight to midnight), in order, not overlapping.
     *
     * @param lessonPeriods the periods of that day with a lesson in the screen's classroom
     */
    public static List<Slot> resolve(Screen screen, LocalDate day, ZoneId zone, List<Schedule> schedules,
            List<Push> pushes, List<Period> lessonPeriods) {
        Window whole = new Window(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
        List<Claim> claims = new ArrayList<>();
        for (Schedule s : schedules) {
            if (s.contentIds().isEmpty() || !s.targets().reach(screen, s.schoolId())) {
                continue;
            }
            s.windowOn(day, zone).map(w -> w.clip(whole)).filter(w -> !w.isEmpty()).ifPresent(w -> claims.add(new Claim(w,
                    new Slot(w.start(), w.end(), s.level(), "schedule", s.id(), s.priority(), s.contentIds(), w.start()))));
        }
        for (Push p : pushes) {
            if (p.contentIds().isEmpty() || !p.targets().reach(screen, p.schoolId())) {
                continue;
            }
            Instant stop = p.stopsAt();
            Window w = new Window(p.startsAt(), stop == null || stop.isAfter(whole.end()) ? whole.end()
                    : stop.isBefore(p.startsAt()) ? p.startsAt() : stop).clip(whole);
            if (!w.isEmpty()) {
                claims.add(new Claim(w, new Slot(w.start(), w.end(), p.level(), "push", p.id(), 0, p.contentIds(),
                        p.startsAt())));
            }
        }
        List<Window> lessons = lessonPeriods.stream().map(p -> new Window(day.atTime(p.start()).atZone(zone).toInstant(),
                day.atTime(p.end()).atZone(zone).toInstant())).toList();

        TreeSet<Instant> edges = new TreeSet<>();
        edges.add(whole.start());
        edges.add(whole.end());
        claims.forEach(c -> {
            edges.add(c.window().start());
            edges.add(c.window().end());
        });
        lessons.forEach(l -> {
            edges.add(l.start());
            edges.add(l.end());
        });

        List<Slot> slots = new ArrayList<>();
        Instant from = null;
        for (Instant to : edges) {
            if (from != null) {
                Instant at = from;
                boolean inLesson = lessons.stream().anyMatch(l -> l.contains(at));
                Claim best = claims.stream().filter(c -> c.window().contains(at))
                        .filter(c -> !inLesson || c.template().level().playsDuringLessons())
                        .min(STRONGEST_FIRST).orElse(null);
                if (best != null) {
                    Slot t = best.template();
                    Slot piece = new Slot(from, to, t.level(), t.source(), t.sourceId(), t.priority(), t.contentIds(),
                            t.anchor());
                    Slot last = slots.isEmpty() ? null : slots.get(slots.size() - 1);
                    if (last != null && last.sameClaim(piece) && last.end().equals(from)) {
                        slots.set(slots.size() - 1, new Slot(last.start(), to, last.level(), last.source(),
                                last.sourceId(), last.priority(), last.contentIds(), last.anchor()));
                    } else {
                        slots.add(piece);
                    }
                }
            }
            from = to;
        }
        return slots;
    }

    private static final Comparator<Claim> STRONGEST_FIRST = Comparator
            .<Claim>comparingInt(c -> c.template().level().ordinal())
            .thenComparing(c -> c.template().source().equals("push") ? 0 : 1)
            .thenComparing(Comparator.<Claim>comparingInt(c -> c.template().priority()).reversed())
            .thenComparing(Comparator.<Claim>comparingLong(c -> c.template().sourceId()).reversed());
}
