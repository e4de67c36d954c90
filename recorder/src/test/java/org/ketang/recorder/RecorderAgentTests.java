package org.ketang.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketang.recorder.Eventually.waitFor;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.CommandType;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.RecordingReport;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.recorder.program.Director;
import org.ketang.recorder.program.RuleDirector;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.tracking.TrackingDirector;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.Region;

/** The whole agent in-process against the simulated platform, with the real FFmpeg and the synthetic classroom. */
class RecorderAgentTests {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path data;
    FakePlatform platform;
    RecorderAgent agent;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        platform = new FakePlatform();
        agent = RecorderAgent.builder(data).platform(platform.uri()).enrollmentCode(FakePlatform.CODE)
                .localPagePort(0).build();
        agent.start();
        waitFor("enrolled", WAIT, () -> agent.status().enrolled());
    }

    @AfterEach
    void stop() {
        agent.close();
        platform.close();
    }

    static Command command(String id, CommandType type, Map<String, String> args) {
        return new Command(id, type, args, Instant.now(), Instant.now().plusSeconds(120));
    }

    Heartbeat lastHeartbeat() {
        List<Heartbeat> all = platform.heartbeats;
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    boolean lastHeartbeat(java.util.function.Predicate<Heartbeat> test) {
        Heartbeat last = lastHeartbeat();
        return last != null && test.test(last);
    }

    CommandResult result(String id) {
        return platform.results.stream().filter(r -> r.commandId().equals(id)).findFirst().orElse(null);
    }

    @Test
    void enrollsThenRecordsByCommandAndUploadsUntilConfirmed() throws Exception {
        assertThat(platform.enrollments).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("recorder");
            assertThat(e.agentVersion()).isEqualTo(RecorderAgent.VERSION);
            assertThat(e.ip()).isEqualTo("127.0.0.1");
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("credentials.json"))))
                .isEqualTo("rw-------");
        waitFor("an idle heartbeat", WAIT, () -> !platform.heartbeats.isEmpty());
        Heartbeat idle = platform.heartbeats.get(0);
        assertThat(idle.state()).isEqualTo(AgentState.IDLE);
        assertThat(idle.agentVersion()).startsWith(RecorderAgent.VERSION + " ffmpeg/8.0.1 java/");
        assertThat(idle.health().memoryTotalBytes()).isPositive();
        assertThat(idle.sources()).extracting(s -> s.role()).containsExactly("teacher", "audio");

        platform.queueOnLongPoll(command("c-start", CommandType.START_RECORDING, Map.of("title", "勾股定理")));
        waitFor("recording", WAIT, () -> agent.status().recorder().recording() != null);
        waitFor("a capturing heartbeat with thumbnail and sound level", WAIT,
                () -> lastHeartbeat(h -> h.state() == AgentState.CAPTURING && h.thumbnailJpeg() != null
                        && h.audioLevelDb() != null));
        assertThat(result("c-start").ok()).isTrue();
        Heartbeat capturing = lastHeartbeat();
        byte[] jpeg = java.util.Base64.getDecoder().decode(capturing.thumbnailJpeg());
        java.awt.image.BufferedImage thumb = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(capturing.recordingId()).isNotNull();

        Thread.sleep(3000);
        // delivered on every heartbeat, run once
        platform.queueOnHeartbeat(command("c-stop", CommandType.STOP_RECORDING, Map.of()));
        String id = capturing.recordingId();
        waitFor("confirmed upload", WAIT, () -> agent.library().find(id).map(Recording::confirmed).orElse(false));

        Recording done = agent.library().find(id).orElseThrow();
        assertThat(done.phase()).isEqualTo(Phase.UPLOADED);
        assertThat(done.title()).isEqualTo("勾股定理");
        assertThat(platform.uploadOf(id).sha256()).isEqualTo(done.sha256());
        assertThat(platform.results).filteredOn(r -> r.commandId().equals("c-stop")).hasSize(1);
        waitFor("reports up to UPLOADED", WAIT, () -> platform.reports.stream()
                .anyMatch(r -> r.recordingId().equals(id) && r.phase() == Phase.UPLOADED));
        assertThat(platform.reports).filteredOn(r -> r.recordingId().equals(id)).extracting(RecordingReport::phase)
                .contains(Phase.RECORDING, Phase.UPLOADED);
        waitFor("idle again", WAIT, () -> lastHeartbeat(h -> h.state() == AgentState.IDLE));

        // U盘拷贝 by command, verified
        Path stick = Files.createDirectories(data.resolveSibling(data.getFileName() + "-usb"));
        platform.queueOnLongPoll(command("c-usb", CommandType.USB_EXPORT, Map.of("recordingIds", id,
                "target", stick.toString())));
        waitFor("the export result", WAIT, () -> result("c-usb") != null);
        assertThat(result("c-usb").ok()).as(result("c-usb").message()).isTrue();
        assertThat(org.ketang.recorder.storage.RecordingLibrary.sha256(stick.resolve("ketang/" + id + ".mp4")))
                .isEqualTo(done.sha256());
    }

    @Test
    void liveComesBackWhenThePlatformReturnsAndTheRecordingNeverStops() throws Exception {
        agent.liveOn();
        waitFor("live segments", WAIT, () -> platform.live.stream().filter(f -> f.name().endsWith(".m4s")).count() >= 2);
        Recording r = agent.status().recorder().recording();

        platform.goOffline();
        Thread.sleep(5000);
        Instant back = Instant.now();
        platform.comeBack();

        waitFor("new live segments after the platform came back", WAIT, () -> platform.live.stream()
                .filter(f -> f.name().endsWith(".m4s") && f.at().isAfter(back)).count() >= 3);
        // a real platform ends the session while the box is away and removes its files: init.mp4 must come again
        waitFor("init.mp4 sent again", WAIT, () -> platform.live.stream()
                .anyMatch(f -> f.name().equals("init.mp4") && f.at().isAfter(back)));
        assertThat(agent.status().recorder().recording()).isNotNull().extracting(Recording::id).isEqualTo(r.id());
        agent.stopRecording();
        waitFor("finished", WAIT, () -> !agent.library().find(r.id()).orElseThrow().recording());
        assertThat(agent.library().find(r.id()).orElseThrow().parts()).as("one encoder run throughout").hasSize(1);
        assertThat(agent.library().find(r.id()).orElseThrow().durationSeconds()).isGreaterThan(8.0);
    }

    @Test
    void aFullDiskRefusesNewRecordingsAndTellsThePlatform() throws Exception {
        Path other = Files.createDirectories(data.resolveSibling(data.getFileName() + "-full"));
        RecorderAgent full = RecorderAgent.builder(other).platform(platform.uri()).enrollmentCode(FakePlatform.CODE)
                .localPagePort(0).volume(new org.ketang.recorder.storage.Volume() {
                    @Override
                    public long freeBytes() {
                        return 1_000_000_000L;
                    }

                    @Override
                    public long totalBytes() {
                        return 100_000_000_000L;
                    }
                }).build();
        try {
            full.start();
            waitFor("enrolled", WAIT, () -> full.status().enrolled());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> full.startRecording(null))
                    .isInstanceOf(org.ketang.recorder.recording.Recorder.Refused.class)
                    .hasMessageContaining("disk space low");
            waitFor("DISK_LOW on a heartbeat", WAIT, () -> platform.alerts().stream()
                    .anyMatch(a -> a.kind() == org.ketang.agent.protocol.AgentAlert.Kind.DISK_LOW));
            assertThat(full.status().state()).isEqualTo(AgentState.ERROR);
            assertThat(full.recordings()).isEmpty();
        } finally {
            full.close();
        }
    }

    @Test
    void aScheduledLessonRecordsOnTimePushesLiveAndStopsAtItsEnd() throws Exception {
        // the calendar carries whole seconds
        Instant start = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        platform.schedule(List.of(new org.ketang.agent.protocol.ScheduleEntry("tt-1", start, start.plusSeconds(75),
                "七年级1班 数学 第2节", true, org.ketang.agent.protocol.ScheduleEntry.Kind.TIMETABLE, null)));

        waitFor("the scheduled recording", WAIT, () -> agent.status().recorder().recording() != null);
        Recording r = agent.status().recorder().recording();
        assertThat(r.scheduleUid()).isEqualTo("tt-1");
        assertThat(r.plannedEnd()).isEqualTo(start.plusSeconds(75));
        waitFor("live playlist and segments", WAIT, () -> platform.live.stream().filter(f -> f.name().endsWith(".m4s"))
                .count() >= 3 && platform.live.stream().anyMatch(f -> f.name().equals("index.m3u8")));
        assertThat(platform.live).extracting(FakePlatform.LiveFile::name).contains("init.mp4");
        String playlist = new String(platform.live.stream().filter(f -> f.name().equals("index.m3u8"))
                .reduce((a, b) -> b).orElseThrow().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(playlist).contains("#EXT-X-TARGETDURATION:1").contains("#EXT-X-MAP:URI=\"init.mp4\"");
        waitFor("a live heartbeat", WAIT, () -> lastHeartbeat(h -> h.live() && h.state() == AgentState.LIVE));

        // the lesson's end moves closer: the recording follows and stops there
        platform.schedule(List.of(new org.ketang.agent.protocol.ScheduleEntry("tt-1", start,
                Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), "七年级1班 数学 第2节", true,
                org.ketang.agent.protocol.ScheduleEntry.Kind.TIMETABLE, null)));
        waitFor("stopped at the (new) end", WAIT, () -> agent.status().recorder().recording() == null);
        waitFor("uploaded", WAIT, () -> agent.library().find(r.id()).map(x -> x.phase() == Phase.UPLOADED)
                .orElse(false));
        assertThat(platform.uploadOf(r.id()).metadata).containsEntry("scheduleUid", "tt-1");
    }

    @Test
    void theLocalPageStartsAndStopsAndRefusesForeignPosts() throws Exception {
        URI page = agent.localPage();
        HttpResponse<String> html = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.body()).contains("开始录制").contains("Start recording");

        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(page.resolve("/api/recording/start"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(agent.status().recorder().recording()).isNull();

        HttpResponse<String> start = http.send(HttpRequest.newBuilder(page.resolve("/api/recording/start"))
                .header("X-Ketang-Local", "1").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(200);
        String status = http.send(HttpRequest.newBuilder(page.resolve("/api/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(status).contains("\"state\":\"CAPTURING\"").contains("\"recording\":{");
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(page.resolve("/api/recording/start"))
                .header("X-Ketang-Local", "1").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already recording");
        Thread.sleep(2000);
        http.send(HttpRequest.newBuilder(page.resolve("/api/recording/stop")).header("X-Ketang-Local", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(agent.status().recorder().recording()).isNull();
    }

    @Test
    void configWakeOnLanAndFailuresAreAcknowledged() throws Exception {
        platform.queueOnLongPoll(command("c-bad", CommandType.APPLY_CONFIG,
                Map.of("version", "v2", "config", "{\"program\":{\"fps\":500}}")));
        platform.queueOnLongPoll(command("c-good", CommandType.APPLY_CONFIG,
                Map.of("version", "v3", "config", "{\"upload\":{\"window\":\"17:00-07:00\"}}")));
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(30_000);
            platform.queueOnLongPoll(command("c-wol", CommandType.WAKE_ON_LAN, Map.of("mac", "aa:bb:cc:dd:ee:ff",
                    "broadcast", "127.0.0.1", "port", Integer.toString(listener.getLocalPort()))));
            DatagramPacket packet = new DatagramPacket(new byte[200], 200);
            listener.receive(packet);
            assertThat(packet.getLength()).isEqualTo(102);
        }
        platform.queueOnLongPoll(command("c-stop", CommandType.STOP_RECORDING, Map.of()));
        waitFor("four results", WAIT, () -> platform.results.size() >= 4);

        assertThat(result("c-bad").ok()).isFalse();
        assertThat(result("c-bad").message()).contains("fps");
        assertThat(result("c-good").ok()).isTrue();
        assertThat(result("c-wol").ok()).isTrue();
        assertThat(result("c-stop").ok()).isFalse();
        assertThat(agent.settings().upload().window()).isEqualTo("17:00-07:00");
        waitFor("config version on the heartbeat", WAIT, () -> lastHeartbeat(h -> "v3".equals(h.configVersion())));
    }

    @Test
    void theClassroomsTrackingProfileSetsTheAnalysisRegionZoomAndSwitch() throws Exception {
        assertThat(RecorderAgent.directorFor(agent.settings(), Clock.systemUTC())).isInstanceOf(RuleDirector.class);
        platform.queueOnLongPoll(command("t-bad", CommandType.APPLY_CONFIG, Map.of("version", "t1",
                "config", "{\"tracking\":{\"enabled\":true,\"zoom\":20}}")));
        platform.queueOnLongPoll(command("t-good", CommandType.APPLY_CONFIG, Map.of("version", "t2", "config",
                "{\"tracking\":{\"enabled\":true,\"teachingArea\":{\"x\":0.1,\"y\":0.05,\"width\":0.8,"
                        + "\"height\":0.7},\"sensitivity\":0.7,\"zoom\":3,\"followStudents\":false}}")));
        waitFor("two results", WAIT, () -> result("t-bad") != null && result("t-good") != null);

        assertThat(result("t-bad").ok()).isFalse();
        assertThat(result("t-bad").message()).contains("zoom");
        assertThat(result("t-good").ok()).as(result("t-good").message()).isTrue();
        Director director = RecorderAgent.directorFor(agent.settings(), Clock.systemUTC());
        assertThat(director).isInstanceOf(TrackingDirector.class);
        ClassroomSettings classroom = ((TrackingDirector) director).classroom();
        assertThat(classroom.teachingArea()).isEqualTo(new Region(0.1, 0.05, 0.8, 0.7));
        assertThat(classroom.zoom()).isEqualTo(3.0);
        assertThat(classroom.sensitivity()).isEqualTo(0.7);
        assertThat(classroom.followStudents()).isFalse();
        assertThat(classroom.followCourseware()).as("a key not sent keeps its default").isTrue();

        platform.queueOnLongPoll(command("t-off", CommandType.APPLY_CONFIG, Map.of("version", "t3",
                "config", "{\"tracking\":{\"enabled\":false}}")));
        waitFor("switched off", WAIT, () -> result("t-off") != null);
        assertThat(RecorderAgent.directorFor(agent.settings(), Clock.systemUTC())).isInstanceOf(RuleDirector.class);
    }

    @Test
    void recordingGoesOnWhileThePlatformIsAwayAndAlertsWaitForIt() throws Exception {
        waitFor("a heartbeat", WAIT, () -> !platform.heartbeats.isEmpty());
        Recording r = agent.startRecording(null);
        platform.goOffline();
        Thread.sleep(4000);
        assertThat(agent.status().recorder().recording()).isNotNull();
        assertThat(agent.status().online()).isFalse();
        agent.stopRecording();
        platform.comeBack();

        waitFor("uploaded after the platform came back", WAIT,
                () -> agent.library().find(r.id()).map(x -> x.phase() == Phase.UPLOADED).orElse(false));
        assertThat(platform.uploadOf(r.id()).sha256()).isEqualTo(agent.library().find(r.id()).orElseThrow().sha256());
        assertThat(agent.library().find(r.id()).orElseThrow().durationSeconds()).isGreaterThan(3.0);
    }
}
