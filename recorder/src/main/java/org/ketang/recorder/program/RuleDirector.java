package org.ketang.recorder.program;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ketang.recorder.AgentSettings;

/**
 * The built-in director: the teacher full screen; on a cycle, the courseware (or the students) full screen with the
 * teacher as PiP; optionally the courseware as PiP while the teacher is full screen. Without a teacher camera the
 * first configured source takes its place.
 */
public final class RuleDirector implements Director {

    private final AgentSettings.DirectorRules rules;

    public RuleDirector(AgentSettings.DirectorRules rules) {
        this.rules = rules;
    }

    @Override
    public Layout layout(Instant now, ProgramContext program) {
        List<String> sources = program.sources();
        String primary = sources.contains("teacher") ? "teacher" : sources.get(0);
        long elapsed = Math.max(0, Duration.between(program.startedAt(), now).toSeconds());
        if (sources.contains("courseware") && !primary.equals("courseware")
                && inWindow(elapsed, rules.coursewareEverySeconds(), rules.coursewareSeconds())) {
            return withPip("courseware", primary, program);
        }
        if (sources.contains("student") && !primary.equals("student")
                && inWindow(elapsed, rules.studentEverySeconds(), rules.studentSeconds())) {
            return withPip("student", primary, program);
        }
        if (rules.coursewarePip() && sources.contains("courseware") && !primary.equals("courseware")) {
            return withPip(primary, "courseware", program);
        }
        return Layout.full(primary);
    }

    /** Whether {@code elapsed} falls in the last {@code length} seconds of a cycle of {@code every} seconds. */
    private static boolean inWindow(long elapsed, int every, int length) {
        if (every <= 0 || length <= 0) {
            return false;
        }
        return elapsed % every >= every - Math.min(length, every);
    }

    private static Layout withPip(String main, String pip, ProgramContext program) {
        return new Layout(main, List.of(new Layout.Pip(pip, program.cornerPip())), java.util.Map.of());
    }
}
