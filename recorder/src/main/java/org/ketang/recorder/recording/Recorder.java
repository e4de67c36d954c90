package org.ketang.recorder.recording;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.SourceHealth;
import org.ketang.recorder.AgentSettings;
import org.ketang.recorder.capture.SourceUrl;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.live.LivePush;
import org.ketang.recorder.program.Director;
import org.ketang.recorder.program.Layout;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;
import org.ketang.recorder.storage.StorageGuard;

/**
 * The classroom's recorder: starts and stops recordings (one at a time), keeps the encoder running through broken
 * sources (a new part file per restart, a slate for a source that fails until it answers again), stops at the
 * planned end, switches live on and off without touching the recording, and finishes each recording into one
 * program file in the background. After a crash it rebuilds interrupted recordings ({@link #recoverInterrupted}).
 */
public final class Recorder implements AutoCloseable {

    private static final System.Logger log = System.getLogger(Recorder.class.getName());
    private static final Duration SLATE_RETRY = Duration.ofSeconds(30);
    private static final Duration STALL = Duration.ofSeconds(8);

    /**
     * What to record.
     *
     * @param title       a title, or null
     * @param plannedEnd  when to stop by itself, or null (until stopped)
     * @param scheduleUid the schedule entry, or null (one-click)
     * @param live        push live too
     */
    public record Start(@Nullable String title, @Nullable Instant plannedEnd, @Nullable String scheduleUid,
            boolean live) {
    }

    /** A recording could not start; the message is for people (Chinese / English). */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The recorder right now.
     *
     * @param recording  the running recording, or null
     * @param live       live is on
     * @param sources    health of each configured source
     * @param audioLevel the input sound level (dBFS), or null
     * @param problem    the latest problem for people, or null
     */
    public record Status(@Nullable Recording recording, boolean live, List<SourceHealth> sources,
            @Nullable Double audioLevel, @Nullable String problem) {
    }

    private final Ffmpeg ffmpeg;
    private final RecordingLibrary library;
    private final StorageGuard storage;
    private final Supplier<AgentSettings> settings;
    private final Supplier<Director> director;
    private final Clock clock;
    private final Consumer<AgentAlert> alerts;
    private final LivePush live;
    private final Runnable changed;
    private final Finisher finisher;
    private final ExecutorService finishing = Executors.newSingleThreadExecutor(r -> daemon(r, "finishing"));
    private final ExecutorService probes = Executors.newSingleThreadExecutor(r -> daemon(r, "source-probe"));
    private final Thread supervisor;

    private @Nullable String currentId;
    private @Nullable ProgramRun run;
    private @Nullable AgentSettings runSettings;
    private int liveUdpPort;
    private int partNumber;
    private long restartBackoffMillis = 1000;
    private long nextRestartNanos;
    private final Map<String, Instant> slated = new HashMap<>();
    private final Map<String, String> sourceProblems = new HashMap<>();
    private @Nullable CompletableFuture<Set<String>> probing;
    private final Set<String> alertedRoles = new LinkedHashSet<>();
    private volatile @Nullable String problem;
    private volatile boolean closed;

    public Recorder(Ffmpeg ffmpeg, RecordingLibrary library, StorageGuard storage, Supplier<AgentSettings> settings,
            Supplier<Director> director, Clock clock, Consumer<AgentAlert> alerts, LivePush live,
            Runnable changed) throws IOException {
        this.ffmpeg = ffmpeg;
        this.library = library;
        this.storage = storage;
        this.settings = settings;
        this.director = director;
        this.clock = clock;
        this.alerts = alerts;
        this.live = live;
        this.changed = changed;
        this.finisher = new Finisher(ffmpeg, library);
        this.supervisor = new Thread(this::supervise, "recorder-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** Starts a recording (within about a second: the encoder is launched, not awaited). */
    public synchronized Recording start(Start request) throws Refused {
        if (closed) {
            throw new Refused("录制器已关闭 / the recorder is shut down");
        }
        if (currentId != null) {
            throw new Refused("正在录制 " + currentId + " / already recording " + currentId);
        }
        if (!storage.mayStartRecording()) {
            problem = "磁盘空间不足，不能开始录制 / disk space low: recording refused";
            throw new Refused(problem);
        }
        try {
            ffmpeg.check();
        } catch (IllegalStateException e) {
            problem = e.getMessage();
            throw new Refused("无法录制 / cannot record: " + e.getMessage());
        }
        AgentSettings now = settings.get();
        try {
            currentId = library.create(clock.instant(), request.plannedEnd(), request.title(),
                    request.scheduleUid(), request.live()).id();
            runSettings = now;
            liveUdpPort = freeUdpPort();
            partNumber = 0;
            slated.clear();
            sourceProblems.clear();
            alertedRoles.clear();
            restartBackoffMillis = 1000;
            problem = null;
            startPart();
        } catch (IOException | RuntimeException e) {
            Recording failed = currentId == null ? null : library.find(currentId).orElse(null);
            currentId = null;
            run = null;
            problem = "录制无法开始 / recording could not start: " + e.getMessage();
            if (failed != null) {
                Recording f = failed.failed(clock.instant(), problem);
                saveQuietly(f);
            }
            alerts.accept(new AgentAlert(AgentAlert.Kind.RECORDING_FAILED, problem, clock.instant()));
            throw new Refused(problem);
        }
        if (request.live()) {
            live.start(liveUdpPort);
        }
        changed.run();
        log.log(System.Logger.Level.INFO, "Recording " + currentId + " started"
                + (request.scheduleUid() != null ? " for " + request.scheduleUid() : ""));
        return library.find(currentId).orElseThrow();
    }

    /** Stops the running recording; it is finished and handed to the upload in the background. */
    public synchronized Optional<Recording> stop(String why) {
        Recording stopping = currentId == null ? null : library.find(currentId).orElse(null);
        if (stopping == null) {
            currentId = null;
            return Optional.empty();
        }
        Instant endedAt = clock.instant();
        live.stop();
        ProgramRun ending = run;
        run = null;
        currentId = null;
        if (ending != null) {
            ending.close();
        }
        Recording stopped = updateQuietly(stopping.id(), r -> r.stopping(endedAt, why)).orElse(stopping);
        log.log(System.Logger.Level.INFO, "Recording " + stopped.id() + " stopped (" + why + ")");
        finishing.submit(() -> finishQuietly(stopped, endedAt, false));
        return Optional.of(stopped);
    }

    /** Moves the planned end of the running recording by {@code minutes} (from now if it had none). */
    public synchronized Recording extend(Duration by) throws Refused {
        Recording running = current().orElseThrow(() -> new Refused("当前没有录制 / nothing is being recorded"));
        Instant from = running.plannedEnd() != null ? running.plannedEnd() : clock.instant();
        return updateQuietly(running.id(), r -> r.withPlannedEnd(from.plus(by))).orElse(running);
    }

    /** Switches live on; when idle, starts a recording too (as the protocol asks). */
    public synchronized void liveOn(@Nullable String title) throws Refused {
        if (currentId == null) {
            start(new Start(title, null, null, true));
            return;
        }
        live.start(liveUdpPort);
    }

    /** Switches live off; the recording goes on. */
    public synchronized void liveOff() {
        live.stop();
    }

    /** The running recording, if any. */
    public synchronized Optional<Recording> current() {
        return currentId == null ? Optional.empty() : library.find(currentId);
    }

    /** The latest thumbnail of the program (while recording), as JPEG bytes (320 px wide). */
    public Optional<byte[]> thumbnail() {
        ProgramRun running = run;
        return running == null ? Optional.empty() : running.thumbnail();
    }

    /** How things stand. */
    public synchronized Status status() {
        AgentSettings s = runSettings != null ? runSettings : settings.get();
        List<SourceHealth> health = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(s.videoSources());
        if (s.sources().audio() != null && !s.sources().audio().isBlank()) {
            all.put("audio", s.sources().audio());
        }
        ProgramRun running = run;
        boolean stalled = running != null && running.process().sinceProgress().compareTo(STALL) > 0;
        for (Map.Entry<String, String> source : all.entrySet()) {
            String url;
            try {
                url = SourceUrl.parse(source.getValue()).redacted();
            } catch (IllegalArgumentException e) {
                health.add(new SourceHealth(source.getKey(), source.getValue(), false, e.getMessage()));
                continue;
            }
            String trouble = sourceProblems.get(source.getKey());
            if (trouble == null && stalled) {
                trouble = "编码器 " + running.process().sinceProgress().toSeconds() + " 秒没有输出 / no output for "
                        + running.process().sinceProgress().toSeconds() + " s";
            }
            health.add(new SourceHealth(source.getKey(), url, trouble == null, trouble));
        }
        return new Status(current().orElse(null), live.on(), health, running != null ? running.audioLevel() : null,
                problem != null ? problem : live.problem());
    }

    /**
     * Rebuilds recordings that were interrupted by a crash (in the background): ends an orphaned encoder, keeps
     * every complete fragment, and marks them {@code RECOVERED} with a {@code CRASH_RECOVERED} alert. A recording
     * that was already stopping is simply finished.
     */
    public void recoverInterrupted() {
        for (Recording r : library.all()) {
            if (!r.recording() || r.id().equals(currentId)) {
                continue;
            }
            finishing.submit(() -> {
                endOrphan(r);
                boolean crashed = r.endedAt() == null;
                Optional<Recording> done = finishQuietly(r, r.endedAt() != null ? r.endedAt() : clock.instant(), crashed);
                if (crashed) {
                    String what = done.map(d -> d.message() != null ? d.message() : d.phase().name()).orElse("?");
                    alerts.accept(new AgentAlert(AgentAlert.Kind.CRASH_RECOVERED, "录制 " + r.id()
                            + " 在代理意外退出时被中断 / recording " + r.id() + " was interrupted by an agent crash: " + what,
                            clock.instant()));
                }
            });
        }
    }

    private void endOrphan(Recording r) {
        if (r.encoderPid() == null) {
            return;
        }
        ProcessHandle.of(r.encoderPid()).ifPresent(handle -> {
            String marker = library.dir(r.id()).toString();
            boolean ours = handle.info().arguments().map(args -> String.join(" ", args).contains(marker))
                    .orElse(handle.info().commandLine().map(c -> c.contains(marker)).orElse(false));
            if (ours) {
                log.log(System.Logger.Level.INFO, "Ending the orphaned encoder " + r.encoderPid() + " of " + r.id());
                handle.destroyForcibly();
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // it is gone or will be
                }
            }
        });
    }

    private Optional<Recording> finishQuietly(Recording r, Instant endedAt, boolean recovered) {
        try {
            Recording complete = finisher.finish(r, endedAt, recovered);
            // keep what others noted meanwhile (the last phase the platform heard)
            Recording done = library.update(r.id(), latest -> complete.reported(latest.reportedPhase()))
                    .orElse(complete);
            if (done.phase() == org.ketang.agent.protocol.RecordingReport.Phase.FAILED) {
                alerts.accept(new AgentAlert(AgentAlert.Kind.RECORDING_FAILED, r.id() + ": " + done.message(),
                        clock.instant()));
            }
            changed.run();
            return Optional.of(done);
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "Finishing " + r.id() + " failed: " + e, e);
            Recording failed = r.failed(endedAt, "收尾失败 / finishing failed: " + e.getMessage());
            saveQuietly(failed);
            alerts.accept(new AgentAlert(AgentAlert.Kind.RECORDING_FAILED, failed.id() + ": " + failed.message(),
                    clock.instant()));
            return Optional.of(failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Starts the next part of the current recording. Caller holds the lock. */
    private void startPart() throws IOException {
        Recording recording = current().orElse(null);
        AgentSettings s = runSettings;
        if (recording == null || s == null) {
            return;
        }
        String part = String.format("part-%03d.mp4", partNumber);
        Path dir = library.dir(recording.id());
        Map<String, Path> resources = new LinkedHashMap<>();
        List<String> resourceNames = new ArrayList<>(recording.resourceFiles());
        if (s.program().resourceMode()) {
            for (String role : s.videoSources().keySet()) {
                String name = String.format("%s-%03d.mp4", role, partNumber);
                resources.put(role, dir.resolve(name));
                resourceNames.add(name);
            }
        }
        Instant now = clock.instant();
        Set<String> slates = new LinkedHashSet<>(slated.keySet());
        partNumber++;
        String id = recording.id();
        ProgramRun started = new ProgramRun(ffmpeg, s, s.videoSources(), blankToNull(s.sources().audio()), slates,
                dir.resolve(part), resources, liveUdpPort, director.get(),
                recording.startedAt(), clock, layout -> cut(id, layout));
        run = started;
        library.update(id, r -> r.withPart(part, started.pid()).withResourceFiles(resourceNames));
        log.log(System.Logger.Level.DEBUG, "Part " + part + " of " + id + " started at " + now
                + (slates.isEmpty() ? "" : " with slates for " + slates));
    }

    private void cut(String id, Layout layout) {
        try {
            synchronized (this) {
                if (id.equals(currentId)) {
                    library.update(id, r -> r.withCut(new Recording.Cut(
                            Duration.between(r.startedAt(), clock.instant()).toMillis(), layout.main(),
                            layout.pips().stream().map(Layout.Pip::source).toList())));
                }
            }
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "Cannot note a cut: " + e.getMessage());
        }
    }

    private void supervise() {
        while (!closed) {
            try {
                Thread.sleep(500);
                tick();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.ERROR, "Recorder supervision failed: " + e, e);
            }
        }
    }

    /** One look at the running recording: end, space, encoder health, slates. */
    synchronized void tick() {
        Recording recording = current().orElse(null);
        if (recording == null) {
            return;
        }
        Instant now = clock.instant();
        if (recording.plannedEnd() != null && !now.isBefore(recording.plannedEnd())) {
            stop("到达计划结束时间 / planned end reached");
            return;
        }
        try {
            if (runSettings != null && storage.emergency(runSettings.storage().emergencyFreeBytes())) {
                problem = "磁盘将满，录制已安全停止 / disk nearly full: the recording was stopped cleanly";
                alerts.accept(new AgentAlert(AgentAlert.Kind.DISK_LOW, problem, now));
                stop(problem);
                return;
            }
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "Cannot read free space: " + e.getMessage());
        }
        ProgramRun running = run;
        if (running != null && running.alive()) {
            if (running.process().sinceProgress().compareTo(STALL) > 0 && running.process().progress().frame() > 0) {
                log.log(System.Logger.Level.WARNING, "The encoder stalled; restarting it");
                running.process().kill();
            }
            retrySlatedSources();
            return;
        }
        if (running != null) {
            partFailed(running);
            run = null;
            nextRestartNanos = System.nanoTime() + restartBackoffMillis * 1_000_000;
            restartBackoffMillis = Math.min(30_000, restartBackoffMillis * 2);
        }
        if (System.nanoTime() >= nextRestartNanos) {
            try {
                startPart();
                if (live.on()) {
                    live.restart();
                }
            } catch (IOException | RuntimeException e) {
                problem = "编码器无法重启 / the encoder could not restart: " + e.getMessage();
                nextRestartNanos = System.nanoTime() + restartBackoffMillis * 1_000_000;
                restartBackoffMillis = Math.min(30_000, restartBackoffMillis * 2);
            }
        }
    }

    private void partFailed(ProgramRun failed) {
        Set<String> blamed = failed.blamedRoles();
        String tail = failed.process().stderrTail();
        String last = tail.substring(Math.max(0, tail.lastIndexOf('\n') + 1));
        Instant now = clock.instant();
        if (blamed.isEmpty()) {
            problem = "编码器意外退出，正在重启 / the encoder stopped, restarting: " + last;
            if (alertedRoles.add("encoder")) {
                alerts.accept(new AgentAlert(AgentAlert.Kind.RECORDING_FAILED, problem, now));
            }
            return;
        }
        for (String role : blamed) {
            slated.put(role, now);
            sourceProblems.put(role, "信号中断 / no signal: " + last);
            if (alertedRoles.add(role)) {
                alerts.accept(new AgentAlert(AgentAlert.Kind.SOURCE_LOST, "信号源 " + role + " 中断，录制继续（用占位画面）"
                        + " / source " + role + " lost, recording goes on with a slate: " + last, now));
            }
        }
        restartBackoffMillis = 1000;
    }

    /** Every so often, probes the slated sources; when one answers, a new part picks it up again. */
    private void retrySlatedSources() {
        if (slated.isEmpty() || runSettings == null) {
            return;
        }
        CompletableFuture<Set<String>> pending = probing;
        if (pending != null) {
            if (!pending.isDone()) {
                return;
            }
            probing = null;
            Set<String> back = pending.getNow(Set.of());
            if (!back.isEmpty()) {
                back.forEach(role -> {
                    slated.remove(role);
                    sourceProblems.remove(role);
                });
                log.log(System.Logger.Level.INFO, "Sources back: " + back + "; starting a new part with them");
                ProgramRun running = run;
                if (running != null) {
                    running.close();
                }
                run = null;
                nextRestartNanos = 0;
            }
            return;
        }
        Instant now = clock.instant();
        Map<String, String> due = new LinkedHashMap<>();
        AgentSettings s = runSettings;
        for (Map.Entry<String, Instant> e : slated.entrySet()) {
            if (Duration.between(e.getValue(), now).compareTo(SLATE_RETRY) >= 0) {
                String url = e.getKey().equals("audio") ? s.sources().audio() : s.videoSources().get(e.getKey());
                if (url != null) {
                    due.put(e.getKey(), url);
                }
                e.setValue(now);
            }
        }
        if (!due.isEmpty()) {
            probing = CompletableFuture.supplyAsync(() -> probe(due), probes);
        }
    }

    private Set<String> probe(Map<String, String> sources) {
        Set<String> back = new LinkedHashSet<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            try {
                List<String> args = new ArrayList<>(List.of("-v", "error"));
                args.addAll(SourceUrl.parse(source.getValue()).ffmpegInput());
                args.addAll(List.of("-show_entries", "stream=codec_type", "-of", "csv=p=0"));
                args.removeIf(a -> a.equals("-re") || a.equals("-stream_loop") || a.equals("-1"));
                if (ffmpeg.probe(args, Duration.ofSeconds(15)).ok()) {
                    back.add(source.getKey());
                }
            } catch (IOException | RuntimeException e) {
                // still down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return back;
    }

    private Optional<Recording> updateQuietly(String id, java.util.function.UnaryOperator<Recording> change) {
        try {
            return library.update(id, change);
        } catch (IOException e) {
            log.log(System.Logger.Level.ERROR, "Cannot save " + id + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void saveQuietly(Recording r) {
        try {
            library.save(r);
        } catch (IOException e) {
            log.log(System.Logger.Level.ERROR, "Cannot save " + r.id() + ": " + e.getMessage());
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops a running recording (finishing it) and waits for finishing to end. */
    @Override
    public void close() {
        stop("代理关闭 / the agent shut down");
        closed = true;
        supervisor.interrupt();
        finishing.shutdown();
        probes.shutdownNow();
        try {
            finishing.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.close();
    }
}
