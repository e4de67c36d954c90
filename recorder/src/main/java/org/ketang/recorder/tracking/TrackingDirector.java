package org.ketang.recorder.tracking;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import org.ketang.recorder.AgentJson;
import org.ketang.recorder.AgentSettings;
import org.ketang.recorder.program.Director;
import org.ketang.recorder.program.FrameTap;
import org.ketang.recorder.program.Layout;
import org.ketang.recorder.program.ProgramContext;
import org.ketang.vision.Box;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.FrameSize;
import org.ketang.vision.director.AutoDirector;
import org.ketang.vision.director.Chapters;
import org.ketang.vision.director.Cut;
import org.ketang.vision.director.DirectorSettings;
import org.ketang.vision.director.Placement;
import org.ketang.vision.director.Shot;
import org.ketang.vision.director.Source;

import tools.jackson.databind.JsonNode;

/**
 * The program directed by what the cameras see (智能跟踪, {@code org.ketang.vision}'s {@link AutoDirector}): the
 * teacher followed by a virtual camera — a moving 16:9 crop of the wide teacher view — a cut to a close-up of a
 * student who stands up, the courseware full screen with the teacher as picture-in-picture when a slide changes.
 *
 * <p>The encoder sends this director small copies of the sources ({@link FrameTap}, {@code analysisWidth} wide);
 * one analysis thread of its own analyses the newest frame of each source and drops the ones it had no time for,
 * so the recording never waits for it. The cuts go, as they happen, to {@code cuts.jsonl} in the recording's folder
 * (one JSON object per line: time from the start of the recording, shots, reason) and, when the encoder run ends,
 * into {@code chapters.vtt} (WebVTT chapters) next to the program file.
 */
public final class TrackingDirector implements Director {

    /** The cut log next to the program file. */
    public static final String CUTS_FILE = "cuts.jsonl";
    /** The chapters next to the program file. */
    public static final String CHAPTERS_FILE = "chapters.vtt";

    private static final System.Logger log = System.getLogger(TrackingDirector.class.getName());
    private static final Map<String, Source> ROLES = Map.of("teacher", Source.TEACHER, "student", Source.STUDENTS,
            "courseware", Source.COURSEWARE);
    private static final int TRAIL = 20_000;

    private final AgentSettings.Tracking tracking;
    private final DirectorSettings rules;
    private final Clock clock;
    private final Object signal = new Object();
    private final Map<String, FrameFeed> feeds = new LinkedHashMap<>();
    private final List<Framing> trail = new ArrayList<>();
    private @Nullable AutoDirector auto;
    private @Nullable Thread analysis;
    private @Nullable ProgramContext context;
    private int cutsWritten;
    private double lastSeconds;
    private long analysed;
    private long analysisNanos;
    private volatile boolean finished;

    /**
     * Where the virtual camera framed the teacher after analysing a frame.
     *
     * @param frame   the teacher source's frame number in this encoder run
     * @param seconds its time from the start of the recording
     * @param crop    the crop, fractions of the teacher view
     */
    public record Framing(long frame, double seconds, Layout.Rect crop) {
    }

    /**
     * How the analysis kept up.
     *
     * @param received        frames that came from the encoder, all sources
     * @param analysed        frames analysed
     * @param dropped         frames skipped because the analysis was busy
     * @param millisPerFrame  mean CPU time of the analysis thread per analysed frame
     */
    public record Load(long received, long analysed, long dropped, double millisPerFrame) {
    }

    /**
     * @param tracking the classroom's tracking settings
     * @param clock    the recorder's clock (the director's time is measured from the recording's start with it)
     */
    public TrackingDirector(AgentSettings.Tracking tracking, Clock clock) {
        this(tracking, DirectorSettings.defaults(), clock);
    }

    public TrackingDirector(AgentSettings.Tracking tracking, DirectorSettings rules, Clock clock) {
        this.tracking = tracking;
        this.rules = rules;
        this.clock = clock;
    }

    /** The vision settings this director analyses with (analysis region, sensitivity, zoom, …). */
    public ClassroomSettings classroom() {
        return tracking.classroom();
    }

    @Override
    public synchronized FrameTap frames(ProgramContext program) throws IOException {
        if (auto != null || finished) {
            throw new IllegalStateException("A tracking director serves one encoder run");
        }
        context = program;
        FrameSize size = new FrameSize(tracking.analysisWidth(), tracking.analysisHeight());
        List<String> sources = program.sources();
        boolean teacher = sources.contains("teacher");
        boolean students = sources.contains("student") && tracking.followStudents();
        boolean courseware = sources.contains("courseware") && tracking.followCourseware();
        if (!teacher || !tracking.enabled()) {
            // nothing to follow: the director keeps the first source full screen
            return FrameTap.NONE;
        }
        try {
            for (String role : List.of("teacher", "student", "courseware")) {
                if (role.equals("teacher") || (role.equals("student") && students)
                        || (role.equals("courseware") && courseware)) {
                    feeds.put(role, new FrameFeed(role, size.width() * size.height() * 3, signal));
                }
            }
            auto = new AutoDirector(tracking.classroom(), rules, size, students ? size : null,
                    courseware ? size : null, program.fps());
        } catch (IOException | RuntimeException e) {
            feeds.values().forEach(FrameFeed::close);
            feeds.clear();
            throw e;
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        feeds.forEach((role, feed) -> ports.put(role, feed.port()));
        Thread thread = new Thread(this::analyse, "tracking-analysis");
        thread.setDaemon(true);
        thread.start();
        analysis = thread;
        return new FrameTap(size.width(), size.height(), ports);
    }

    /** The analysis thread: the newest frame of each source, teacher first; older frames are dropped. */
    private void analyse() {
        opencv_core.setNumThreads(1); // one core for the analysis; the encoder needs the rest
        AutoDirector director = auto;
        ProgramContext program = context;
        FrameSize size = new FrameSize(tracking.analysisWidth(), tracking.analysisHeight());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Mat> mats = new LinkedHashMap<>();
        Map<String, Double> firstSeconds = new LinkedHashMap<>();
        try {
            for (String role : feeds.keySet()) {
                mats.put(role, new Mat(size.height(), size.width(), opencv_core.CV_8UC3));
            }
            while (!finished) {
                for (Map.Entry<String, FrameFeed> entry : feeds.entrySet()) {
                    String role = entry.getKey();
                    FrameFeed feed = entry.getValue();
                    byte[] frame;
                    long index;
                    synchronized (signal) {
                        if (!feed.fresh()) {
                            continue;
                        }
                        frame = feed.take();
                        index = feed.latestIndex();
                    }
                    double base = firstSeconds.computeIfAbsent(role, r -> secondsSinceStart(program)
                            - (double) index / program.fps());
                    double seconds = base + (double) index / program.fps();
                    Mat mat = mats.get(role);
                    ((BytePointer) mat.data()).put(frame, 0, frame.length);
                    long cpu = threads.getCurrentThreadCpuTime();
                    switch (role) {
                        case "teacher" -> director.teacherFrame(seconds, mat);
                        case "student" -> director.studentFrame(seconds, mat);
                        default -> director.coursewareFrame(seconds, mat);
                    }
                    long spent = threads.getCurrentThreadCpuTime() - cpu;
                    Box crop = role.equals("teacher") ? director.crop() : null;
                    synchronized (this) {
                        analysed++;
                        analysisNanos += spent;
                        if (crop != null && trail.size() < TRAIL) {
                            trail.add(new Framing(index, seconds, fraction(crop, size)));
                        }
                    }
                }
                synchronized (signal) {
                    boolean any = feeds.values().stream().anyMatch(FrameFeed::fresh);
                    if (!any && !finished) {
                        signal.wait(200);
                    }
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "Tracking analysis failed; the program stays on the teacher: " + e,
                    e);
        } finally {
            mats.values().forEach(Mat::close);
        }
    }

    private double secondsSinceStart(ProgramContext program) {
        return Duration.between(program.startedAt(), clock.instant()).toNanos() / 1e9;
    }

    @Override
    public Layout layout(Instant now, ProgramContext program) {
        AutoDirector director;
        synchronized (this) {
            director = auto;
        }
        if (director == null || finished) {
            return Layout.full(program.sources().get(0));
        }
        double seconds = Math.max(lastSeconds, Duration.between(program.startedAt(), now).toNanos() / 1e9);
        lastSeconds = seconds;
        org.ketang.vision.director.Layout wanted = director.layout(seconds);
        writeNewCuts(director.cuts(), program);
        return toProgram(wanted, program, new FrameSize(tracking.analysisWidth(), tracking.analysisHeight()));
    }

    /** A vision layout as the program's: sources by role, crops and PiP positions as fractions. */
    static Layout toProgram(org.ketang.vision.director.Layout layout, ProgramContext program, FrameSize size) {
        String main = null;
        List<Layout.Pip> pips = new ArrayList<>();
        Map<String, Layout.Rect> crops = new LinkedHashMap<>();
        for (Placement placement : layout.placements()) {
            String role = role(placement.source());
            if (!program.sources().contains(role)) {
                continue;
            }
            Layout.Rect crop = fraction(placement.crop(), size);
            if (crop.width() < 0.999 || crop.height() < 0.999) {
                crops.putIfAbsent(role, crop);
            }
            if (main == null) {
                main = role;
            } else {
                double scale = program.pipScale();
                Box area = placement.area();
                pips.add(new Layout.Pip(role, new Layout.Rect(Math.min(area.x(), 1 - scale),
                        Math.min(area.y(), 1 - scale), scale, scale)));
            }
        }
        if (main == null) {
            return Layout.full(program.sources().get(0));
        }
        return new Layout(main, pips, crops);
    }

    private static String role(Source source) {
        for (Map.Entry<String, Source> e : ROLES.entrySet()) {
            if (e.getValue() == source) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("No role for " + source);
    }

    /** A box of the analysed frame as fractions, rounded to 1/10000 (smaller steps would only cost commands). */
    private static Layout.Rect fraction(Box box, FrameSize size) {
        double x = clamp(box.x() / size.width());
        double y = clamp(box.y() / size.height());
        double w = Math.min(1 - x, clamp(box.width() / size.width()));
        double h = Math.min(1 - y, clamp(box.height() / size.height()));
        return new Layout.Rect(round(x), round(y), Math.max(1e-3, round(w)), Math.max(1e-3, round(h)));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double round(double v) {
        return Math.floor(v * 10_000) / 10_000;
    }

    private synchronized void writeNewCuts(List<Cut> cuts, ProgramContext program) {
        if (cuts.size() <= cutsWritten) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(program.recordingDir().resolve(CUTS_FILE), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            Chapters.writeJsonLines(cuts.subList(cutsWritten, cuts.size()), out);
            cutsWritten = cuts.size();
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "Cannot write the cut log: " + e.getMessage());
        }
    }

    /** Where the virtual camera framed the teacher, per analysed teacher frame (the first 20 000). */
    public synchronized List<Framing> framings() {
        return List.copyOf(trail);
    }

    /** How the analysis kept up so far. */
    public Load load() {
        long received = 0;
        long dropped = 0;
        synchronized (signal) {
            for (FrameFeed feed : feeds.values()) {
                received += feed.received();
                dropped += feed.dropped();
            }
        }
        synchronized (this) {
            return new Load(received, analysed, dropped, analysed == 0 ? 0 : analysisNanos / 1e6 / analysed);
        }
    }

    @Override
    public void finish() {
        AutoDirector director;
        Thread thread;
        ProgramContext program;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            director = auto;
            thread = analysis;
            program = context;
        }
        feeds.values().forEach(FrameFeed::close);
        synchronized (signal) {
            signal.notifyAll();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (director == null || program == null) {
            return;
        }
        writeNewCuts(director.cuts(), program);
        try {
            writeChapters(program.recordingDir(), lastSeconds);
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "Cannot write the chapters: " + e.getMessage());
        }
        Load load = load();
        log.log(System.Logger.Level.INFO, () -> "Tracking: " + load.analysed() + " frames analysed, " + load.dropped()
                + " dropped, " + String.format(java.util.Locale.ROOT, "%.1f", load.millisPerFrame()) + " ms each");
        if (thread == null || !thread.isAlive()) {
            director.close();
        }
    }

    /**
     * Writes {@code chapters.vtt} from the whole cut log of a recording (every encoder run of it appended there).
     *
     * @param endSeconds the recording's length so far
     */
    static void writeChapters(Path recordingDir, double endSeconds) throws IOException {
        Path log = recordingDir.resolve(CUTS_FILE);
        if (!Files.exists(log)) {
            return;
        }
        List<Cut> cuts = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode cut = AgentJson.MAPPER.readTree(line);
            JsonNode from = cut.get("from");
            cuts.add(new Cut(cut.get("t").asDouble(), from == null || from.isNull() ? null : Shot.valueOf(from.asString()),
                    Shot.valueOf(cut.get("to").asString()), cut.path("reason").asString("")));
        }
        double end = Math.max(endSeconds, cuts.isEmpty() ? 0 : cuts.get(cuts.size() - 1).seconds());
        Path temp = recordingDir.resolve(CHAPTERS_FILE + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            Chapters.writeWebVtt(cuts, end, out);
        }
        Files.move(temp, recordingDir.resolve(CHAPTERS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
