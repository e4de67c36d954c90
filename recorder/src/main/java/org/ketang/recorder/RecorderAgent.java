package org.ketang.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandType;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.agent.protocol.Enrollment;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.HeartbeatReply;
import org.ketang.agent.protocol.RecordingStatus;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.recorder.control.CommandRunner;
import org.ketang.recorder.control.CommandRunner.Outcome;
import org.ketang.recorder.control.Credentials;
import org.ketang.recorder.control.ExecutedCommands;
import org.ketang.recorder.control.MachineHealth;
import org.ketang.recorder.control.NetworkIdentity;
import org.ketang.recorder.control.Outbox;
import org.ketang.recorder.control.PlatformClient;
import org.ketang.agent.protocol.WakeOnLan;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.live.LivePush;
import org.ketang.recorder.localpage.LocalPage;
import org.ketang.recorder.program.Director;
import org.ketang.recorder.program.RuleDirector;
import org.ketang.recorder.tracking.TrackingDirector;
import org.ketang.recorder.recording.Recorder;
import org.ketang.recorder.schedule.ScheduleCache;
import org.ketang.recorder.schedule.ScheduleRunner;
import org.ketang.recorder.storage.Quota;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;
import org.ketang.recorder.storage.StorageGuard;
import org.ketang.recorder.storage.Volume;
import org.ketang.recorder.upload.RecordingUploader;
import org.ketang.recorder.upload.UploadQueue;
import org.ketang.recorder.usb.RemovableDrives;
import org.ketang.recorder.usb.UsbExport;

import tools.jackson.databind.JsonNode;

/**
 * The classroom recorder agent: records (one-click, by command, by the cached schedule), keeps a library on disk
 * within its quota, uploads by tus, pushes live, and dials in to the platform — enrollment, heartbeat with health,
 * commands by heartbeat and long-poll, recording reports. Everything network is retried; recording never waits for
 * the network. Start it from the jar ({@link Main}) or in-process:
 *
 * <pre>{@code
 * RecorderAgent agent = RecorderAgent.builder(Path.of("recorder-data"))
 *         .platform(URI.create("http://platform:8080")).enrollmentCode("7KQ4-M2XP").build();
 * agent.start();
 * }</pre>
 */
public final class RecorderAgent implements AutoCloseable {

    /** The agent's software version. */
    public static final String VERSION = readVersion();

    private static final System.Logger log = System.getLogger(RecorderAgent.class.getName());
    private static final int LONG_POLL_SECONDS = 25;

    /** Builds an agent. */
    public static final class Builder {
        private final Path dataDir;
        private @Nullable URI platform;
        private @Nullable String code;
        private @Nullable AgentSettings settings;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.systemDefault();
        private @Nullable Function<AgentSettings, Director> director;
        private @Nullable Integer localPagePort;
        private @Nullable Volume volume;
        private @Nullable RemovableDrives drives;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** The platform to enroll with (needed only until enrolled; then it is kept with the credentials). */
        public Builder platform(@Nullable URI platform) {
            this.platform = platform;
            return this;
        }

        /** The one-time enrollment code (only the first time). */
        public Builder enrollmentCode(@Nullable String code) {
            this.code = code;
            return this;
        }

        /** Settings instead of {@code <data>/agent.json}. */
        public Builder settings(AgentSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The clock of schedules, recordings and reports. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The local time zone (upload window). */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /**
         * The program's director instead of the one the settings choose (the {@link TrackingDirector} when
         * {@code tracking.enabled}, else the {@link RuleDirector}).
         */
        public Builder director(Function<AgentSettings, Director> director) {
            this.director = director;
            return this;
        }

        /** The local page's port instead of the settings' (0: any free port). */
        public Builder localPagePort(int port) {
            this.localPagePort = port;
            return this;
        }

        /** The disk (tests simulate a full one). */
        public Builder volume(Volume volume) {
            this.volume = volume;
            return this;
        }

        /** Where removable drives are found (tests). */
        public Builder drives(RemovableDrives drives) {
            this.drives = drives;
            return this;
        }

        public RecorderAgent build() throws IOException {
            return new RecorderAgent(this);
        }
    }

    /** The director the settings ask for: tracking when the classroom has it on, else the timed rules. */
    public static Director directorFor(AgentSettings settings, Clock clock) {
        if (settings.tracking().enabled() && settings.videoSources().containsKey("teacher")) {
            return new TrackingDirector(settings.tracking(), clock);
        }
        return new RuleDirector(settings.program().director());
    }

    /** Starts building an agent that keeps its state in {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    private record AppliedConfig(String version, JsonNode config) {
    }

    private final Path dataDir;
    private final Clock clock;
    private final ZoneId zone;
    private final AgentSettings baseSettings;
    private volatile AgentSettings settings;
    private volatile @Nullable AppliedConfig applied;
    private final Function<AgentSettings, Director> directors;
    private final @Nullable URI platformArgument;
    private final @Nullable String code;
    private final Ffmpeg ffmpeg;
    private final RecordingLibrary library;
    private final Volume volume;
    private final Outbox outbox;
    private final ExecutedCommands executed;
    private final ScheduleCache schedule;
    private final StorageGuard storage;
    private final LivePush live;
    private final Recorder recorder;
    private final RecordingUploader uploader;
    private final UploadQueue uploads;
    private final CommandRunner commands;
    private final ScheduleRunner scheduleRunner;
    private final MachineHealth machine;
    private final RemovableDrives drives;
    private final UsbExport usb;
    private final int localPagePort;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> daemon(r, "agent"));
    private volatile @Nullable Credentials credentials;
    private volatile @Nullable PlatformClient client;
    private volatile boolean revoked;
    private volatile @Nullable String enrollProblem;
    private volatile @Nullable Instant lastContact;
    private volatile @Nullable String contactProblem;
    private volatile int heartbeatSeconds = 5;
    private volatile @Nullable NetworkIdentity network;
    private volatile long networkNanos;
    private volatile UsbExport.@Nullable Progress exportProgress;
    private volatile @Nullable String exportOutcome;
    private @Nullable Thread longPoll;
    private @Nullable LocalPage page;
    private volatile boolean running;

    private RecorderAgent(Builder b) throws IOException {
        this.dataDir = Files.createDirectories(b.dataDir);
        this.clock = b.clock;
        this.zone = b.zone;
        this.platformArgument = b.platform;
        this.code = b.code;
        this.directors = b.director != null ? b.director : s -> directorFor(s, b.clock);
        this.baseSettings = b.settings != null ? b.settings : AgentSettings.load(dataDir.resolve("agent.json"));
        this.applied = loadApplied();
        this.settings = effective(baseSettings, applied);
        this.ffmpeg = new Ffmpeg(settings.ffmpeg().ffmpegPath(), settings.ffmpeg().ffprobePath());
        this.library = new RecordingLibrary(dataDir.resolve("recordings"));
        this.volume = b.volume != null ? b.volume : Volume.of(library.root());
        this.outbox = new Outbox(dataDir.resolve("outbox.json"));
        this.executed = new ExecutedCommands(dataDir.resolve("commands.json"));
        this.schedule = new ScheduleCache(dataDir);
        this.credentials = Credentials.load(dataDir).orElse(null);
        if (credentials != null) {
            this.client = new PlatformClient(credentials.platform(), this::token);
            this.heartbeatSeconds = Math.max(1, credentials.enrollment().heartbeatSeconds());
        }
        this.storage = new StorageGuard(library, volume, () -> new Quota(settings.storage()), this::confirmation,
                this::alert, clock);
        this.live = new LivePush(ffmpeg, () -> Optional.ofNullable(credentials)
                .map(c -> new LivePush.Target(c.platform(), c.enrollment().token())), () -> settings.live());
        this.uploader = new RecordingUploader(library, () -> Optional.ofNullable(credentials)
                .map(c -> new RecordingUploader.Target(c.platform(), c.enrollment().token())));
        this.uploads = new UploadQueue(library, uploader, () -> settings.upload(), () -> credentials != null && !revoked,
                id -> requireClient().recording(id), this::alert, this::syncReportsSoon, clock, zone);
        this.recorder = new Recorder(ffmpeg, library, storage, () -> settings, () -> directors.apply(settings), clock,
                this::alert, live, () -> {
                    uploads.poke();
                    syncReportsSoon();
                });
        this.commands = new CommandRunner(executed, outbox, clock, result -> requireClient().commandResult(result));
        registerCommands();
        this.scheduleRunner = new ScheduleRunner(schedule::entries, new ScheduleStudio(), clock,
                dataDir.resolve("schedule-state.json"));
        this.machine = new MachineHealth(volume);
        this.drives = b.drives != null ? b.drives : new RemovableDrives();
        this.usb = new UsbExport(library);
        this.localPagePort = b.localPagePort != null ? b.localPagePort : settings.localPage().port();
    }

    /** Starts recording duties, the platform link and the local page. */
    public synchronized void start() throws IOException {
        if (running) {
            return;
        }
        running = true;
        try {
            log.log(System.Logger.Level.INFO, "Ketang recorder " + VERSION + " with " + ffmpeg.check());
        } catch (IllegalStateException e) {
            log.log(System.Logger.Level.ERROR, e.getMessage());
        }
        recorder.recoverInterrupted();
        uploads.start();
        if (credentials == null && code != null && platformArgument != null) {
            timers.execute(this::enrollFromArguments);
        } else if (credentials != null && code != null) {
            log.log(System.Logger.Level.INFO, "Already enrolled with " + credentials.platform()
                    + "; the enrollment code is not needed any more");
        }
        timers.schedule(this::heartbeatLoop, 0, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::refreshScheduleQuietly, 2, 300, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::checkStorageQuietly, 5, 30, TimeUnit.SECONDS);
        Thread poll = new Thread(this::longPollLoop, "long-poll");
        poll.setDaemon(true);
        poll.start();
        longPoll = poll;
        page = new LocalPage(this, settings.localPage().bind(), localPagePort);
        log.log(System.Logger.Level.INFO, "Local page on " + page.uri());
    }

    /** Stops: a running recording is finished (not lost), uploads pause, the page closes. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        if (page != null) {
            page.close();
        }
        if (longPoll != null) {
            longPoll.interrupt();
        }
        timers.shutdownNow();
        recorder.close();
        uploads.close();
        commands.close();
        syncReports();
    }

    // ---- what people and tests do ----

    /** Starts a one-click recording (no schedule entry: the platform classifies it afterwards). */
    public Recording startRecording(@Nullable String title) throws Recorder.Refused {
        return recorder.start(new Recorder.Start(title, null, null, false));
    }

    /** Stops the running recording. */
    public Optional<Recording> stopRecording() {
        return recorder.stop("手动停止 / stopped by hand");
    }

    public void liveOn() throws Recorder.Refused {
        recorder.liveOn(null);
    }

    public void liveOff() {
        recorder.liveOff();
    }

    /** Enrolls with a platform and a one-time code (from the page or the command line); nothing restarts. */
    public synchronized Enrollment enroll(URI platform, String enrollmentCode) throws IOException {
        PlatformClient anonymous = new PlatformClient(platform, Optional::empty);
        NetworkIdentity identity = NetworkIdentity.towards(platform);
        Enrollment enrollment = anonymous.enroll(new EnrollRequest(enrollmentCode.trim(), "recorder", hostname(),
                model(), VERSION, identity.mac(), identity.ip(), identity.netmask()));
        Credentials fresh = new Credentials(platform, enrollment);
        fresh.save(dataDir);
        credentials = fresh;
        client = new PlatformClient(platform, this::token);
        heartbeatSeconds = Math.max(1, enrollment.heartbeatSeconds());
        revoked = false;
        enrollProblem = null;
        network = identity;
        log.log(System.Logger.Level.INFO, "Enrolled as device " + enrollment.deviceId() + " of "
                + enrollment.schoolName() + " " + enrollment.classroomName());
        uploads.poke();
        timers.execute(this::refreshScheduleQuietly);
        return enrollment;
    }

    /** The recordings on this box, oldest first. */
    public List<Recording> recordings() {
        return library.all();
    }

    /** The library (tests read sidecars and files). */
    public RecordingLibrary library() {
        return library;
    }

    /** Removable drives mounted now. */
    public List<RemovableDrives.Drive> drives() {
        return drives.list();
    }

    /** Copies recordings to a drive (the first removable one when {@code target} is null) and verifies them. */
    public UsbExport.Result exportToUsb(List<String> recordingIds, @Nullable Path target) throws IOException {
        Path where = target;
        if (where == null) {
            where = drives.list().stream().findFirst().map(RemovableDrives.Drive::mountPoint)
                    .orElseThrow(() -> new IOException("没有插入U盘 / no removable drive mounted"));
        }
        List<Recording> chosen = new ArrayList<>();
        for (String id : recordingIds) {
            chosen.add(library.find(id.trim()).orElseThrow(() -> new IOException("没有这个录制 / no recording " + id)));
        }
        exportOutcome = null;
        try {
            UsbExport.Result result = usb.export(chosen, where, p -> exportProgress = p);
            exportOutcome = result.ok() ? "已拷贝并校验 " + result.copied().size() + " 个文件 / copied and verified "
                    + result.copied().size() + " file(s) to " + where : "拷贝失败 / failed: " + result.failed();
            return result;
        } catch (IOException e) {
            exportOutcome = e.getMessage();
            throw e;
        } finally {
            exportProgress = null;
        }
    }

    /** The latest program thumbnail while recording. */
    public Optional<byte[]> thumbnail() {
        return recorder.thumbnail();
    }

    /** Where the local page listens. */
    public URI localPage() {
        LocalPage p = page;
        if (p == null) {
            throw new IllegalStateException("not started");
        }
        return p.uri();
    }

    /** The effective settings. */
    public AgentSettings settings() {
        return settings;
    }

    /**
     * The agent's state for the page and tests.
     *
     * @param state         what the heartbeat reports
     * @param enrolled      whether the box has credentials (and they were not refused)
     * @param platform      the platform, or null
     * @param classroom     the classroom's name, or null
     * @param school        the school's name, or null
     * @param online        the last heartbeat got through (in the last three intervals)
     * @param recorder      the recorder's status
     * @param space         free space
     * @param upload        the running upload, or null
     * @param problems      what people should know, in Chinese and English
     * @param configVersion the applied platform config, or null
     * @param export        a running USB export, or null
     * @param exportOutcome how the last USB export ended, or null
     * @param next          the next scheduled recording, or null
     */
    public record Status(AgentState state, boolean enrolled, @Nullable URI platform, @Nullable String classroom,
            @Nullable String school, boolean online, Recorder.Status recorder, StorageGuard.Space space,
            RecordingUploader.@Nullable Progress upload, List<String> problems, @Nullable String configVersion,
            UsbExport.@Nullable Progress export, @Nullable String exportOutcome, @Nullable ScheduleEntry next) {
    }

    /** How things stand. */
    public Status status() {
        Recorder.Status r = recorder.status();
        StorageGuard.Space space = storage.last();
        List<String> problems = new ArrayList<>();
        if (r.problem() != null) {
            problems.add(r.problem());
        }
        if (space.low()) {
            problems.add("磁盘空间不足，未确认上传的录制都被保留 / disk space low: unconfirmed recordings are kept");
        }
        if (uploads.problem() != null) {
            problems.add(uploads.problem());
        }
        if (revoked) {
            problems.add("平台不再接受本机凭据，请重新注册 / the platform refused this box's credentials: enroll again");
        }
        if (enrollProblem != null) {
            problems.add(enrollProblem);
        }
        if (contactProblem != null && credentials != null) {
            problems.add(contactProblem);
        }
        Credentials c = credentials;
        boolean online = lastContact != null && contactProblem == null;
        Instant now = clock.instant();
        ScheduleEntry next = schedule.entries().stream().filter(e -> e.end().isAfter(now))
                .min(java.util.Comparator.comparing(ScheduleEntry::start)).orElse(null);
        AppliedConfig config = applied;
        return new Status(state(r, space), c != null && !revoked, c == null ? null : c.platform(),
                c == null ? null : c.enrollment().classroomName(), c == null ? null : c.enrollment().schoolName(),
                online, r, space, uploader.progress(), problems, config == null ? null : config.version(),
                exportProgress, exportOutcome, next);
    }

    private AgentState state(Recorder.Status r, StorageGuard.Space space) {
        if (r.recording() != null) {
            return r.live() ? AgentState.LIVE : AgentState.CAPTURING;
        }
        if (uploads.uploading()) {
            return AgentState.UPLOADING;
        }
        if (space.low() || (r.problem() != null && r.sources().stream().anyMatch(s -> !s.ok()))) {
            return AgentState.ERROR;
        }
        return AgentState.IDLE;
    }

    // ---- the platform link ----

    private void enrollFromArguments() {
        long backoff = 2000;
        while (running && credentials == null) {
            try {
                enroll(platformArgument, code);
                return;
            } catch (PlatformClient.Refusal e) {
                enrollProblem = "注册码无效或已用过 / the enrollment code was refused: " + e.getMessage();
                log.log(System.Logger.Level.ERROR, enrollProblem);
                if (e.status() >= 400 && e.status() < 500) {
                    return;
                }
            } catch (IOException e) {
                enrollProblem = "无法连接平台，稍后重试注册 / cannot reach the platform to enroll, retrying: "
                        + e.getMessage();
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(30_000, backoff * 2);
        }
    }

    private void heartbeatLoop() {
        if (!running) {
            return;
        }
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "Heartbeat failed: " + e, e);
        } finally {
            if (running) {
                try {
                    timers.schedule(this::heartbeatLoop, heartbeatSeconds, TimeUnit.SECONDS);
                } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                    // closed
                }
            }
        }
    }

    /** Sends one heartbeat now: state and health up, commands, schedule ETag and acknowledgements down. */
    void heartbeat() {
        PlatformClient c = client;
        if (c == null) {
            return;
        }
        Outbox.Snapshot pending = outbox.snapshot();
        Recorder.Status r = recorder.status();
        NetworkIdentity id = network();
        Recording rec = r.recording();
        Heartbeat beat = new Heartbeat(clock.instant(), state(r, storage.last()), rec == null ? null : rec.id(),
                rec == null ? null : rec.startedAt(), r.live(), r.sources(), machine.read(), versions(),
                applied == null ? null : applied.version(),
                recorder.thumbnail().map(b -> Base64.getEncoder().encodeToString(b)).orElse(null), r.audioLevel(),
                pending.results(), pending.alerts(), id.mac(), id.ip(), id.netmask());
        HeartbeatReply reply;
        try {
            reply = c.heartbeat(beat);
        } catch (PlatformClient.Refusal e) {
            if (e.unauthorized()) {
                revoked = true;
            }
            contactProblem = "平台拒绝了心跳 / the platform refused the heartbeat: " + e.getMessage();
            log.log(System.Logger.Level.WARNING, contactProblem);
            return;
        } catch (IOException e) {
            if (contactProblem == null) {
                log.log(System.Logger.Level.WARNING, "Platform unreachable; recording goes on offline: " + e);
            }
            contactProblem = "平台暂时无法连接，录制照常进行 / platform unreachable, recording goes on offline";
            return;
        }
        revoked = false;
        if (contactProblem != null) {
            log.log(System.Logger.Level.INFO, "Platform reachable again");
            if (live.on()) {
                // while the box was away the platform ended the live session and removed its files, init.mp4 too;
                // ffmpeg (which ignored the I/O errors) would go on without it, so a fresh push sends it again
                live.restart();
            }
        }
        contactProblem = null;
        lastContact = clock.instant();
        outbox.delivered(pending);
        if (reply.heartbeatSeconds() > 0) {
            heartbeatSeconds = reply.heartbeatSeconds();
        }
        long skew = Math.abs(Duration.between(reply.serverTime(), clock.instant()).toMillis());
        if (skew > 2000) {
            log.log(System.Logger.Level.WARNING, "Clock differs from the platform's by " + skew + " ms");
        }
        commands.accept(reply.commands());
        if (reply.scheduleEtag() != null && !reply.scheduleEtag().equals(schedule.etag())) {
            timers.execute(this::refreshScheduleQuietly);
        }
        uploads.poke();
        syncReports();
    }

    private void longPollLoop() {
        long backoff = 1000;
        while (running && !Thread.currentThread().isInterrupted()) {
            PlatformClient c = client;
            try {
                if (c == null || revoked) {
                    Thread.sleep(2000);
                    continue;
                }
                List<Command> arrived = c.commands(LONG_POLL_SECONDS);
                commands.accept(arrived);
                backoff = 1000;
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    return;
                }
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    private void everySecond() {
        try {
            scheduleRunner.tick();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "Schedule tick failed: " + e, e);
        }
        if (reportsWanted) {
            reportsWanted = false;
            syncReports();
        }
    }

    private volatile boolean reportsWanted;

    private void syncReportsSoon() {
        reportsWanted = true;
    }

    /** Tells the platform about every recording whose phase it has not heard. */
    private synchronized void syncReports() {
        PlatformClient c = client;
        if (c == null || revoked) {
            return;
        }
        for (Recording r : library.all()) {
            for (org.ketang.agent.protocol.RecordingReport.Phase phase : r.unreportedPhases()) {
                try {
                    RecordingStatus status = c.report(r.report(phase));
                    library.update(r.id(), x -> x.reported(phase).withStatus(status));
                } catch (IOException e) {
                    reportsWanted = true;
                    return;
                }
            }
        }
    }

    private void refreshScheduleQuietly() {
        PlatformClient c = client;
        if (c == null || revoked) {
            return;
        }
        try {
            schedule.refresh(c);
        } catch (IOException | IllegalArgumentException e) {
            log.log(System.Logger.Level.INFO, "Schedule not refreshed (the cached one is used): " + e.getMessage());
        }
    }

    private void checkStorageQuietly() {
        try {
            storage.check();
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "Storage check failed: " + e.getMessage());
        }
    }

    private Optional<RecordingStatus> confirmation(String recordingId) throws IOException {
        PlatformClient c = client;
        return c == null ? Optional.empty() : Optional.of(c.recording(recordingId));
    }

    private PlatformClient requireClient() throws IOException {
        PlatformClient c = client;
        if (c == null) {
            throw new IOException("not enrolled");
        }
        return c;
    }

    private Optional<String> token() {
        Credentials c = credentials;
        return c == null ? Optional.empty() : Optional.of(c.enrollment().token());
    }

    private void alert(AgentAlert alert) {
        log.log(System.Logger.Level.WARNING, "Alert " + alert.kind() + ": " + alert.message());
        outbox.add(alert);
    }

    private NetworkIdentity network() {
        Credentials c = credentials;
        NetworkIdentity known = network;
        if (c != null && (known == null || System.nanoTime() - networkNanos > 60_000_000_000L)) {
            known = NetworkIdentity.towards(c.platform());
            network = known;
            networkNanos = System.nanoTime();
        }
        return known != null ? known : new NetworkIdentity(null, null, null);
    }

    private String versions() {
        String ffmpegVersion;
        try {
            ffmpegVersion = ffmpeg.version();
        } catch (IllegalStateException e) {
            ffmpegVersion = "unusable";
        }
        return VERSION + " ffmpeg/" + ffmpegVersion + " java/" + System.getProperty("java.version");
    }

    // ---- commands ----

    private void registerCommands() {
        commands.on(CommandType.START_RECORDING, c -> {
            String minutes = c.args().get("minutes");
            Instant end = minutes == null || minutes.isBlank() ? null
                    : clock.instant().plus(Duration.ofMinutes(Long.parseLong(minutes.trim())));
            Recording r = recorder.start(new Recorder.Start(c.args().get("title"), end, null, false));
            return Outcome.done("录制 " + r.id() + " 已开始 / recording " + r.id() + " started");
        });
        commands.on(CommandType.STOP_RECORDING, c -> recorder.stop("平台指令 / stopped by the platform")
                .map(r -> Outcome.done("录制 " + r.id() + " 已停止 / recording " + r.id() + " stopped"))
                .orElse(Outcome.failed("当前没有录制 / nothing is being recorded")));
        commands.on(CommandType.EXTEND_RECORDING, c -> {
            long minutes = Long.parseLong(c.args().getOrDefault("minutes", "10").trim());
            Recording r = recorder.extend(Duration.ofMinutes(minutes));
            return Outcome.done("录制 " + r.id() + " 将在 " + r.plannedEnd() + " 结束 / now ends at " + r.plannedEnd());
        });
        commands.on(CommandType.LIVE_ON, c -> {
            recorder.liveOn(c.args().get("title"));
            return Outcome.done("直播已开启 / live on");
        });
        commands.on(CommandType.LIVE_OFF, c -> {
            recorder.liveOff();
            return Outcome.done("直播已关闭，录制继续 / live off, recording goes on");
        });
        commands.on(CommandType.APPLY_CONFIG, this::applyConfig);
        commands.on(CommandType.REBOOT, c -> osCommand("重启 / rebooting", settings.os().reboot()));
        commands.on(CommandType.SHUTDOWN, c -> osCommand("关机 / shutting down", settings.os().shutdown()));
        commands.on(CommandType.WAKE_ON_LAN, c -> {
            String mac = c.args().get("mac");
            if (mac == null || mac.isBlank()) {
                return Outcome.failed("缺少 MAC 地址 / mac is required");
            }
            InetAddress broadcast;
            String given = c.args().get("broadcast");
            NetworkIdentity id = network();
            if (given != null && !given.isBlank()) {
                broadcast = InetAddress.getByName(given.trim());
            } else if (id.ip() != null && id.netmask() != null) {
                broadcast = WakeOnLan.broadcastOf(id.ip(), id.netmask());
            } else {
                broadcast = InetAddress.getByName("255.255.255.255");
            }
            int port = Integer.parseInt(c.args().getOrDefault("port", Integer.toString(WakeOnLan.PORT)).trim());
            WakeOnLan.send(mac, broadcast, port);
            return Outcome.done("已向 " + broadcast.getHostAddress() + " 发送唤醒包 / magic packet for " + mac + " sent to "
                    + broadcast.getHostAddress() + ":" + port);
        });
        commands.on(CommandType.USB_EXPORT, c -> {
            String ids = c.args().getOrDefault("recordingIds", "");
            List<String> chosen = Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (chosen.isEmpty()) {
                return Outcome.failed("没有选择录制 / no recordings chosen");
            }
            String target = c.args().get("target");
            UsbExport.Result result = exportToUsb(chosen, target == null || target.isBlank() ? null : Path.of(target));
            return new Outcome(result.ok(), result.ok() ? "已拷贝并校验 / copied and verified: " + result.copied()
                    : "拷贝失败 / failed: " + result.failed(), null);
        });
    }

    private Outcome applyConfig(Command c) {
        String version = c.args().get("version");
        String text = c.args().get("config");
        if (version == null || version.isBlank() || text == null) {
            return Outcome.failed("缺少 version 或 config / version and config are required");
        }
        JsonNode config;
        AgentSettings next;
        try {
            config = AgentJson.MAPPER.readTree(text);
            next = baseSettings.merge(config);
        } catch (RuntimeException e) {
            return Outcome.failed("配置无效，仍使用 " + (applied == null ? "本地配置" : "版本 " + applied.version())
                    + " / invalid config, still running " + (applied == null ? "the local one" : "version "
                    + applied.version()) + ": " + e.getMessage());
        }
        AppliedConfig fresh = new AppliedConfig(version, config);
        try {
            AgentJson.writeAtomically(dataDir.resolve("platform-config.json"), fresh);
        } catch (IOException e) {
            return Outcome.failed("配置无法保存 / cannot store the config: " + e.getMessage());
        }
        applied = fresh;
        settings = next;
        uploads.poke();
        return Outcome.done("配置 " + version + " 已应用（信号源下次录制生效） / config " + version
                + " applied (sources take effect with the next recording)");
    }

    private Outcome osCommand(String what, List<String> command) {
        if (command == null || command.isEmpty()) {
            return Outcome.failed("未配置系统命令 / no OS command configured");
        }
        return new Outcome(true, what + ": " + String.join(" ", command), () -> {
            // the recording is finished cleanly first; the OS command comes after the acknowledgement
            recorder.stop(what);
            try {
                new ProcessBuilder(command).inheritIO().start();
            } catch (IOException e) {
                alert(new AgentAlert(AgentAlert.Kind.RECORDING_FAILED, "系统命令失败 / OS command failed: "
                        + e.getMessage(), clock.instant()));
            }
        });
    }

    private @Nullable AppliedConfig loadApplied() {
        Path file = dataDir.resolve("platform-config.json");
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return AgentJson.MAPPER.readValue(Files.readAllBytes(file), AppliedConfig.class);
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "The stored platform config is unreadable: " + e.getMessage());
            return null;
        }
    }

    private static AgentSettings effective(AgentSettings base, @Nullable AppliedConfig applied) {
        if (applied == null) {
            return base;
        }
        try {
            return base.merge(applied.config());
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "The stored platform config no longer applies: " + e.getMessage());
            return base;
        }
    }

    /** Drives the recorder for the schedule runner. */
    private final class ScheduleStudio implements ScheduleRunner.Studio {
        @Override
        public Optional<String> runningScheduleUid() {
            return recorder.current().map(r -> r.scheduleUid() == null ? "" : r.scheduleUid());
        }

        @Override
        public void start(ScheduleEntry entry) throws Exception {
            recorder.start(new Recorder.Start(entry.title(), entry.end(), entry.uid(), entry.live()));
        }

        @Override
        public void plannedEnd(Instant end) {
            recorder.current().ifPresent(r -> {
                try {
                    recorder.extend(Duration.between(r.plannedEnd() != null ? r.plannedEnd() : clock.instant(), end));
                } catch (Recorder.Refused ignored) {
                    // it stopped meanwhile
                }
            });
        }

        @Override
        public @Nullable Instant plannedEnd() {
            return recorder.current().map(Recording::plannedEnd).orElse(null);
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            try {
                return Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException unreadable) {
                return "recorder";
            }
        }
    }

    private static @Nullable String model() {
        try {
            String model = Files.readString(Path.of("/sys/class/dmi/id/product_name")).strip();
            return model.isEmpty() ? null : model;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String readVersion() {
        try (InputStream in = RecorderAgent.class.getResourceAsStream("version.txt")) {
            return in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "dev";
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
