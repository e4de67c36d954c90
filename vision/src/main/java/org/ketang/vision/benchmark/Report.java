package org.ketang.vision.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ketang.vision.evaluation.TrackingScore;

/** Prints the benchmark's table, the totals and how they compare with the targets. */
final class Report {

    private static final String HEADER = "| scene | camera | frames | inside | centre err | jitter px/f | cuts "
            + "| reaction s: mean / max (moves) | stand-up P / R / delay | slides P / R | fps/core |";
    private static final String RULE = "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    void print(PrintStream out) {
        out.println(HEADER);
        out.println(RULE);
        for (Row row : rows) {
            out.println(line(row));
        }
        out.println(totals());
        out.println();
        targets(out);
    }

    /** Analysis picture width per camera (what the analysis scales every frame down to first). */
    private static final Map<String, String> RESOLUTION = Map.of("teacher", "640 px wide (tracker)", "students",
            "480 px wide (optical flow)", "courseware", "192 px wide (tiles)");

    /**
     * The speed of the analysis per camera on one core (thread CPU time, OpenCV single-threaded; scaling the frame
     * down is included, rendering or decoding is not), next to a reference measured in the same run.
     *
     * @param referenceName what the reference does, or null for none
     * @param referenceFps  its frames per CPU second
     */
    void printSpeed(PrintStream out, String referenceName, double referenceFps) {
        out.println("Analysis speed, one core (thread CPU time, one OpenCV thread; rendering/decoding not counted):");
        out.println();
        out.println("| camera | analysed at | frames | CPU ms/frame | fps per core | cameras one core keeps at 25 fps |");
        out.println("|---|---|---:|---:|---:|---:|");
        for (String camera : List.of("teacher", "students", "courseware")) {
            Work work = work(camera);
            int frames = work.frames();
            double cpu = work.cpuSeconds();
            if (frames > 0) {
                double fps = frames / cpu;
                out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", camera, RESOLUTION.get(camera), frames,
                        number(1000 * cpu / frames, 1), number(fps, 0), number(fps / 25, 1));
            }
        }
        if (referenceName != null) {
            out.printf(Locale.ROOT, "| reference: %s | 640×360 | | %s | %s | %s |%n", referenceName,
                    number(1000 / referenceFps, 1), number(referenceFps, 0), number(referenceFps / 25, 1));
        }
        out.println();
    }

    private static String line(Row r) {
        TrackingScore t = r.tracking();
        String inside = "";
        String centre = "";
        String jitter = "";
        String cuts = "";
        String reaction = "";
        if (t != null) {
            inside = percent(t.inside());
            centre = percent(t.centreError());
            jitter = number(t.jitter(), 2);
            cuts = Integer.toString(t.cuts());
            reaction = reactions(t.reactions().stream().map(TrackingScore.Reaction::delay).toList());
        }
        String standUp = r.standUps() == null ? "" : String.format(Locale.ROOT, "%s / %s / %s s (%d)",
                percent(r.standUps().precision()), percent(r.standUps().recall()), number(r.standUps().delay(), 2),
                r.standUps().truths());
        String slides = r.slides() == null ? "" : String.format(Locale.ROOT, "%s / %s (%d)",
                percent(r.slides().precision()), percent(r.slides().recall()), r.slides().truths());
        return String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |", r.scene(),
                r.camera(), r.frames(), inside, centre, jitter, cuts, reaction, standUp, slides,
                number(r.fpsPerCore(), 0));
    }

    private String totals() {
        Totals t = new Totals(rows);
        return String.format(Locale.ROOT, "| **total** | | %d | %s | %s | %s | %d | %s | %s | %s | %s |", t.frames,
                percent(t.inside()), percent(t.centre()), number(t.jitter(), 2), t.cuts, reactions(t.reactions),
                t.standUpTotal(), t.slideTotal(), number(t.frames / t.cpu, 0));
    }

    private void targets(PrintStream out) {
        Totals t = new Totals(rows);
        out.println("Targets (all scenes pooled):");
        if (t.visible > 0) {
            check(out, "presenter fully inside the virtual camera ≥ 98 %", percent(t.inside()), t.inside() >= 0.98);
            check(out, "jitter while the presenter stands still < 1 px/frame (1080p)", number(t.jitter(), 2),
                    t.jitter() < 1);
            double mean = t.reactions.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double p90 = percentile(t.reactions, 0.9);
            check(out, "re-framing within 0.5 s of a real move", String.format(Locale.ROOT,
                    "mean %s s, 90th percentile %s s, %d moves", number(mean, 2), number(p90, 2),
                    t.reactions.size()), mean < 0.5 && p90 < 0.5);
        }
        if (t.standUpTruths > 0) {
            double p = t.standUpDetections == 0 ? Double.NaN : (double) t.standUpMatched / t.standUpDetections;
            double r = (double) t.standUpMatched / t.standUpTruths;
            check(out, "stand-up precision and recall ≥ 90 %", percent(p) + " / " + percent(r), p >= 0.9 && r >= 0.9);
        }
        if (t.slideTruths > 0) {
            double p = t.slideDetections == 0 ? Double.NaN : (double) t.slideMatched / t.slideDetections;
            double r = (double) t.slideMatched / t.slideTruths;
            out.printf(Locale.ROOT, "  slide changes: precision %s, recall %s (no target set)%n", percent(p),
                    percent(r));
        }
        StringBuilder speeds = new StringBuilder();
        boolean fast = true;
        for (String camera : List.of("teacher", "students", "courseware")) {
            Work work = work(camera);
            int frames = work.frames();
            double cpu = work.cpuSeconds();
            if (frames > 0) {
                speeds.append(String.format(Locale.ROOT, "%s %s  ", camera, number(frames / cpu, 0)));
                fast &= frames / cpu >= 25;
            }
        }
        check(out, "analysis ≥ 25 fps on one core, per camera", speeds.toString().trim(), fast);
    }

    /** Frames a camera's analysis did and the CPU time it took, over all its scenes. */
    private record Work(int frames, double cpuSeconds) {
    }

    private Work work(String camera) {
        int frames = 0;
        double cpu = 0;
        for (Row row : rows) {
            if (row.camera().equals(camera)) {
                frames += row.frames();
                cpu += row.cpuSeconds();
            }
        }
        return new Work(frames, cpu);
    }

    private static void check(PrintStream out, String target, String measured, boolean met) {
        out.printf(Locale.ROOT, "  %-62s %-44s %s%n", target, measured, met ? "met" : "NOT met");
    }

    private static String reactions(List<Double> delays) {
        if (delays.isEmpty()) {
            return "–";
        }
        double mean = delays.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double max = delays.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%s / %s (%d)", number(mean, 2), number(max, 2), delays.size());
    }

    static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Pooled figures: frames and events of all scenes count alike. */
    private static final class Totals {

        int frames;
        double cpu;
        int visible;
        double insideSum;
        double centreSum;
        int jitterFrames;
        double jitterSum;
        int cuts;
        final List<Double> reactions = new ArrayList<>();
        int standUpTruths;
        int standUpDetections;
        int standUpMatched;
        double standUpDelaySum;
        int slideTruths;
        int slideDetections;
        int slideMatched;

        Totals(List<Row> rows) {
            for (Row r : rows) {
                frames += r.frames();
                cpu += r.cpuSeconds();
                TrackingScore t = r.tracking();
                if (t != null) {
                    int v = t.visibleFrames();
                    visible += v;
                    if (v > 0) {
                        insideSum += t.inside() * v;
                        centreSum += t.centreError() * v;
                    }
                    int j = t.jitterFrames();
                    if (j > 0) {
                        jitterFrames += j;
                        jitterSum += t.jitter() * j;
                    }
                    cuts += t.cuts();
                    t.reactions().forEach(x -> reactions.add(x.delay()));
                }
                if (r.standUps() != null) {
                    standUpTruths += r.standUps().truths();
                    standUpDetections += r.standUps().detections();
                    standUpMatched += r.standUps().matched();
                    if (r.standUps().matched() > 0) {
                        standUpDelaySum += r.standUps().delay() * r.standUps().matched();
                    }
                }
                if (r.slides() != null) {
                    slideTruths += r.slides().truths();
                    slideDetections += r.slides().detections();
                    slideMatched += r.slides().matched();
                }
            }
        }

        double inside() {
            return visible == 0 ? Double.NaN : insideSum / visible;
        }

        double centre() {
            return visible == 0 ? Double.NaN : centreSum / visible;
        }

        double jitter() {
            return jitterFrames == 0 ? Double.NaN : jitterSum / jitterFrames;
        }

        String standUpTotal() {
            if (standUpTruths == 0) {
                return "";
            }
            double p = standUpDetections == 0 ? Double.NaN : (double) standUpMatched / standUpDetections;
            return String.format(Locale.ROOT, "%s / %s / %s s (%d)", percent(p),
                    percent((double) standUpMatched / standUpTruths),
                    number(standUpMatched == 0 ? Double.NaN : standUpDelaySum / standUpMatched, 2), standUpTruths);
        }

        String slideTotal() {
            if (slideTruths == 0) {
                return "";
            }
            double p = slideDetections == 0 ? Double.NaN : (double) slideMatched / slideDetections;
            return String.format(Locale.ROOT, "%s / %s (%d)", percent(p), percent((double) slideMatched / slideTruths),
                    slideTruths);
        }
    }
}
