package org.ketang.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.recorder.RecorderAgent;
import org.ketang.recorder.control.Credentials;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.recording.Recorder;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

import tools.jackson.databind.JsonNode;

/**
 * A school day, end to end, with nothing simulated but the classroom: the real platform jar with the demo district;
 * an admin enrolls a recorder (the agent with its synthetic classroom) in 录播教室1 with a one-time code; the school
 * moves a period so that it begins in the next minute on every day of the week and puts 七年级1班's 数学 with 王芳
 * in it, live by default. The agent pulls its schedule and records and goes live by itself; a teacher watches in
 * Chromium, which reads the wall clock burnt into each frame (glass-to-glass latency, p50/p95 printed). Then the
 * classroom's network fails for {@code ketang.e2e.outage-seconds} (60) while live and while an earlier recording is
 * uploading: live comes back in the same page and the upload resumes where it stopped, with an equal SHA-256. When
 * the period ends the lesson uploads and is in the library with grade, class, subject and teacher from the timetable.
 * Last, the disk fills up: what the platform confirmed is evicted, nothing unconfirmed is deleted, and the platform
 * shows the DISK_LOW alert.
 *
 * <p>The agent reaches the platform only through {@link NetworkLink}; the viewer reaches it directly. Every wait polls
 * with a generous bound; the only sleep is the outage itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassroomDayEndToEndTests {

    static final int OUTAGE_SECONDS = Integer.getInteger("ketang.e2e.outage-seconds", 60);
    static final int PROGRAM_WIDTH = 1280;
    static final int TEST_PERIOD = 9;
    static final Duration SANITY = Duration.ofSeconds(30);

    final Ffmpeg ffmpeg = new Ffmpeg(null, null);
    /** The district's time zone for this run: one where it is 19:xx now, so the test period fits in the evening. */
    final ZoneOffset zone = eveningZone(Instant.now());

    Path work;
    PlatformProcess platform;
    NetworkLink link;
    LiveViewer viewer;
    RecorderAgent agent;
    Path agentData;
    String admin;
    String teacher;
    long schoolId;
    long classroomId;
    long deviceId;
    String deviceToken;
    Path clip;

    @BeforeAll
    void startPlatform() throws Exception {
        PlatformProcess.requireJar();
        LiveViewer.requireChromium();
        // a poll that meets a busy platform (a timeout, a 5xx) polls again; the timeout message names the last error
        Awaitility.ignoreExceptionsByDefault();
        work = Files.createTempDirectory("ketang-e2e");
        agentData = Files.createDirectories(work.resolve("recorder-data"));
        Path platformData = Files.createDirectories(work.resolve("platform-data"));
        long t0 = System.nanoTime();
        platform = PlatformProcess.start(platformData, "--ketang.organization.zone=" + zone.getId(),
                // a timetable edit reaches the agent's heartbeat within a second instead of 30 s
                "--ketang.devices.schedule-cache-ttl=1s");
        System.out.printf("e2e: the platform started in %.1f s (district zone %s)%n", (System.nanoTime() - t0) / 1e9,
                zone);
        link = new NetworkLink(platform.port());
        admin = platform.login("sadmin1");
        teacher = platform.login("t1");
    }

    @AfterAll
    void stopEverything() throws Exception {
        Awaitility.reset();
        if (agent != null) {
            agent.close();
        }
        if (viewer != null) {
            viewer.close();
        }
        if (link != null) {
            link.close();
        }
        if (platform != null) {
            platform.close();
            // the platform's log stays for people reviewing a run; the recordings and media go
            Files.createDirectories(Path.of("target"));
            Files.copy(platform.log(), Path.of("target", "platform.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void aTimetableLessonRecordsAndGoesLiveByItselfSurvivesAnOutageAndLandsInTheLibraryClassified() throws Exception {
        // an admin adds the box: a one-time code for 录播教室1 of 第一中学
        schoolId = schoolNamed("第一中学");
        classroomId = classroomNamed(schoolId, "录播教室1");
        String code = platform.call("POST", "/api/v1/devices/enrollment-codes", admin, "{\"classroomId\":"
                + classroomId + ",\"kind\":\"recorder\"}").get("code").asString();
        Files.writeString(agentData.resolve("agent.json"), "{\"program\":{\"width\":" + PROGRAM_WIDTH
                + ",\"height\":720,\"videoKbps\":1500}}");
        agent = RecorderAgent.builder(agentData).platform(link.uri()).enrollmentCode(code).localPagePort(0).build();
        agent.start();
        await("the agent enrolled").atMost(Duration.ofSeconds(60)).until(() -> agent.status().enrolled());
        Credentials credentials = Credentials.load(agentData).orElseThrow();
        deviceId = credentials.enrollment().deviceId();
        deviceToken = credentials.enrollment().token();
        assertThat(credentials.enrollment().classroomId()).isEqualTo(classroomId);
        await("the box online on the platform").atMost(Duration.ofSeconds(60))
                .until(() -> platform.get("/api/v1/devices/" + deviceId, admin).path("online").asBoolean());

        // the school's timetable: a period that begins in the next minute, every day, 七年级1班 数学 王芳 in it
        ZonedDateTime start = nextMinute(ZonedDateTime.now(zone), Duration.ofSeconds(20));
        int minutes = (int) Math.max(2, Math.ceil((OUTAGE_SECONDS + 110) / 60.0));
        ZonedDateTime end = start.plusMinutes(minutes);
        setBells(start.toLocalTime(), end.toLocalTime());
        importTimetable();
        platform.call("PUT", "/api/v1/devices/classrooms/" + classroomId + "/settings", admin,
                "{\"autoRecord\":true,\"liveByDefault\":true}");
        String uid = "tt-" + classroomId + "-" + start.format(DateTimeFormatter.ofPattern("yyyyMMdd")) + "-"
                + TEST_PERIOD;
        System.out.printf("e2e: period %d of today is %s–%s (%s); waiting for the agent to start it by itself%n",
                TEST_PERIOD, start.toLocalTime(), end.toLocalTime(), uid);

        // the agent pulls the new schedule (the heartbeat's ETag changed) before the bell
        await("the agent has the new period in its schedule").atMost(Duration.ofSeconds(60))
                .until(() -> agent.status().next() != null && uid.equals(agent.status().next().uid()));
        assertThat(agent.status().next().live()).as("live by default").isTrue();

        // meanwhile: a teacher opens a browser and signs in; an earlier recording waits on disk (made below)
        viewer = new LiveViewer("http://127.0.0.1:" + platform.port());
        viewer.signIn("t1", "ketang2026");
        clip = makeClip(work.resolve("clip.mp4"));

        // the bell: the agent records and goes live by itself
        await("the scheduled recording").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> agent.status().recorder().recording() != null);
        Recording lesson = agent.status().recorder().recording();
        assertThat(lesson.scheduleUid()).isEqualTo(uid);
        assertThat(lesson.startedAt()).isAfterOrEqualTo(start.toInstant());
        assertThat(lesson.plannedEnd()).isEqualTo(end.toInstant());
        await("the channel live on the platform").atMost(Duration.ofSeconds(60))
                .until(() -> "LIVE".equals(channel().path("state").asString()));
        JsonNode live = channel();
        assertThat(live.toString()).as("the live page's timetable entry").contains("七年级1班", "数学", "王芳");

        // it plays in Chromium; the time strip of each shown frame against the browser's clock
        viewer.watch(classroomId);
        SegmentClock segments = new SegmentClock(platform.base().resolve(platform.get("/api/v1/live/channels/"
                + classroomId + "/playback", teacher).get("url").asString()));
        await("60 frames read").atMost(Duration.ofSeconds(60)).until(() -> viewer.samples().size() >= 60);
        viewer.screenshot("e2e-live-playing");
        List<LiveViewer.Sample> before = viewer.samples();
        List<Long> agentSide = segments.stop(ffmpeg, PROGRAM_WIDTH, work);
        Percentiles glass = Percentiles.of(before.stream().map(LiveViewer.Sample::latencyMillis).toList());
        assertThat(glass.p95()).as("glass-to-glass p95, a sanity bound").isLessThan(SANITY.toMillis());
        assertThat(glass.min()).as("the browser never shows a frame before it was captured").isPositive();
        assertThat(agentSide).as("live segments seen arriving").isNotEmpty();
        Percentiles reference = Percentiles.of(agentSide);
        report(glass, reference, viewer.playerLatencyMillis(), viewer.misses());

        // an earlier recording starts uploading over a slow line…
        link.throttle("/api/v1/uploads", 64 * 1024);
        Recording earlier = addFinishedRecording(start.toInstant().minus(Duration.ofMinutes(10)), "断网续传");
        await("a fifth of it through the line").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> link.throttledBytes() > earlier.bytes() / 5);

        // …and the classroom's network fails
        link.down();
        Instant cut = Instant.now();
        String uploadUrl = agent.library().find(earlier.id()).orElseThrow().uploadUrl();
        assertThat(uploadUrl).isNotNull();
        JsonNode halfway = await("the platform keeps what arrived").atMost(Duration.ofSeconds(30))
                .until(() -> upload(uploadUrl), u -> u.path("offset").asLong() > 0);
        assertThat(halfway.path("state").asString()).isEqualTo("RECEIVING");
        long kept = halfway.path("offset").asLong();
        assertThat(kept).isBetween(1L, earlier.bytes() - 1);
        if (OUTAGE_SECONDS >= 20) {
            await("the platform notices the live push stopped").atMost(Duration.ofSeconds(OUTAGE_SECONDS - 5))
                    .until(() -> !"LIVE".equals(channel().path("state").asString()));
        }
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), cut.plusSeconds(OUTAGE_SECONDS)).toMillis()));
        assertThat(agent.status().recorder().recording()).as("recording went on offline").isNotNull()
                .extracting(Recording::id).isEqualTo(lesson.id());
        String statusDuringOutage = viewer.status();
        link.throttle(null, 0);
        link.up();
        Instant back = Instant.now();
        System.out.printf("e2e: the network was down %d s (%d connections refused); the player said '%s'%n",
                Duration.between(cut, back).toSeconds(), link.refused(), statusDuringOutage);

        // live recovers: new segments arrive and the same page plays pictures captured after the outage
        await("live again on the platform").atMost(Duration.ofSeconds(90))
                .until(() -> "LIVE".equals(channel().path("state").asString()));
        try {
            await("the player shows frames captured after the outage").atMost(Duration.ofSeconds(120))
                    .until(() -> viewer.samples().stream().anyMatch(s -> s.pictureMillis() > back.toEpochMilli()));
        } catch (ConditionTimeoutException e) {
            viewer.screenshot("e2e-live-not-recovered");
            throw new AssertionError("the player did not recover: status " + viewer.status() + ", channel "
                    + channel() + ", last frame " + viewer.samples().stream().reduce((a, b) -> b).orElse(null), e);
        }
        assertThat(viewer.status()).isEqualTo("playing");
        viewer.screenshot("e2e-live-recovered");
        List<LiveViewer.Sample> all = viewer.samples();
        List<Long> after = all.stream().filter(s -> s.pictureMillis() > back.toEpochMilli())
                .map(LiveViewer.Sample::latencyMillis).toList();
        System.out.printf("e2e: live back %.1f s after the network; glass-to-glass after recovery %s%n",
                (all.stream().filter(s -> s.pictureMillis() > back.toEpochMilli()).findFirst().orElseThrow()
                        .browserMillis() - back.toEpochMilli()) / 1000.0, Percentiles.of(after).seconds());

        // the upload resumed where the platform stopped: same upload, whole file, same checksum
        await("the earlier recording uploaded").atMost(Duration.ofSeconds(240))
                .until(() -> agent.library().find(earlier.id()).orElseThrow().phase() == Phase.UPLOADED);
        Recording uploaded = agent.library().find(earlier.id()).orElseThrow();
        assertThat(uploaded.uploadUrl()).as("resumed, not started over").isEqualTo(uploadUrl);
        JsonNode whole = upload(uploadUrl);
        assertThat(whole.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(whole.path("length").asLong()).isEqualTo(Files.size(clip));
        assertThat(whole.path("sha256").asString()).isEqualTo(RecordingLibrary.sha256(clip))
                .isEqualTo(uploaded.sha256());
        System.out.printf("e2e: the platform had kept %d of %d bytes through the outage; the rest followed%n", kept,
                earlier.bytes());

        // the school shortens today's period to the next minute (the whole test need not wait for the old end):
        // the agent learns the moved end from its schedule and follows it
        ZonedDateTime earlierEnd = nextMinute(ZonedDateTime.now(zone), Duration.ofSeconds(25));
        if (earlierEnd.isBefore(end)) {
            end = earlierEnd;
            setBells(start.toLocalTime(), end.toLocalTime());
            System.out.printf("e2e: period %d now ends at %s%n", TEST_PERIOD, end.toLocalTime());
        }

        // the period ends: the lesson stops, uploads and is confirmed
        await("the lesson recording stopped at the bell").atMost(Duration.ofSeconds(Math.max(60,
                Duration.between(Instant.now(), end.toInstant()).toSeconds() + 60)))
                .until(() -> agent.status().recorder().recording() == null);
        await("the lesson uploaded and confirmed").atMost(Duration.ofSeconds(240))
                .until(() -> agent.library().find(lesson.id()).map(Recording::confirmed).orElse(false));
        Recording done = agent.library().find(lesson.id()).orElseThrow();
        assertThat(done.endedAt()).isAfterOrEqualTo(end.toInstant().minusSeconds(1));
        assertThat(done.plannedEnd()).as("the moved end followed").isEqualTo(end.toInstant());

        // and it is in the library, classified from the timetable
        long lessonId = await("the lesson in the library").atMost(Duration.ofSeconds(120))
                .until(lessonIdOf(lesson.id()), id -> id > 0);
        JsonNode classified = platform.get("/api/v1/lessons/" + lessonId, admin);
        System.out.println("e2e: the lesson in the library: " + classified);
        assertThat(classified.path("source").asString()).isEqualTo("RECORDING");
        assertThat(classified.path("grade").path("name").asString()).isEqualTo("七年级");
        assertThat(classified.path("schoolClass").path("name").asString()).isEqualTo("七年级1班");
        assertThat(classified.path("subject").path("name").asString()).isEqualTo("数学");
        assertThat(classified.path("teacher").path("name").asString()).isEqualTo("王芳");
        assertThat(classified.path("period").asInt()).isEqualTo(TEST_PERIOD);
        assertThat(classified.path("recordedOn").asString()).isEqualTo(start.toLocalDate().toString());
        assertThat(classified.path("status").asString()).as("accepted by the media pipeline").isIn("PROCESSING",
                "READY");
    }

    @Test
    @Order(2)
    void aFullDiskEvictsOnlyWhatThePlatformConfirmedAndThePlatformSeesTheAlert() throws Exception {
        assertThat(agent).as("the classroom of the first test").isNotNull();
        agent.close();
        List<Recording> confirmed = new RecordingLibrary(agentData.resolve("recordings")).all().stream()
                .filter(r -> r.phase() == Phase.UPLOADED).toList();
        assertThat(confirmed).as("the lesson and the earlier recording, uploaded").hasSize(2);

        // a recording the platform has never seen (uploads wait for a window two hours from now)
        RecordingLibrary library = new RecordingLibrary(agentData.resolve("recordings"));
        Recording unconfirmed = addFinishedRecording(library, Instant.now().minus(Duration.ofMinutes(5)), "未上传");
        Path kept = library.file(unconfirmed).orElseThrow();
        LocalTime now = LocalTime.now(ZoneId.systemDefault());
        String window = now.plusHours(2).truncatedTo(ChronoUnit.MINUTES) + "-"
                + now.plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        // the library may hold one byte: the disk is "full"
        Files.writeString(agentData.resolve("agent.json"), "{\"program\":{\"width\":" + PROGRAM_WIDTH
                + ",\"height\":720,\"videoKbps\":1500},\"storage\":{\"maxBytes\":1},\"upload\":{\"window\":\""
                + window + "\"}}");
        Instant restarted = Instant.now();
        agent = RecorderAgent.builder(agentData).localPagePort(0).build();
        agent.start();

        await("confirmed recordings evicted").atMost(Duration.ofSeconds(90))
                .until(() -> confirmed.stream().allMatch(r -> agent.library().find(r.id()).isEmpty()));
        await("DISK_LOW on the platform").atMost(Duration.ofSeconds(90)).until(() -> {
            JsonNode alerts = platform.get("/api/v1/devices/alerts?deviceId=" + deviceId, admin);
            for (JsonNode a : alerts) {
                if ("DISK_LOW".equals(a.path("kind").asString())
                        && Instant.parse(a.path("at").asString()).isAfter(restarted.minusSeconds(5))) {
                    return true;
                }
            }
            return false;
        });
        assertThat(agent.library().find(unconfirmed.id())).as("never delete an unconfirmed recording").isPresent();
        assertThat(kept).exists();
        assertThat(RecordingLibrary.sha256(kept)).isEqualTo(unconfirmed.sha256());
        assertThatThrownBy(() -> agent.startRecording("满盘")).isInstanceOf(Recorder.Refused.class);
        await("the console shows the box in trouble").atMost(Duration.ofSeconds(30))
                .until(() -> "ERROR".equals(platform.get("/api/v1/devices/" + deviceId, admin).path("state")
                        .asString()));
    }

    // --- the school's side, through the API -------------------------------------------------------------------

    long schoolNamed(String name) throws Exception {
        JsonNode schools = platform.get("/api/v1/schools", admin);
        for (JsonNode s : schools.isArray() ? schools : schools.path("content")) {
            if (name.equals(s.path("name").asString())) {
                return s.path("id").asLong();
            }
        }
        throw new AssertionError("no school " + name + " in " + schools);
    }

    long classroomNamed(long school, String name) throws Exception {
        JsonNode structure = platform.get("/api/v1/schools/" + school + "/structure", admin);
        for (JsonNode building : structure.path("buildings")) {
            for (JsonNode room : building.path("classrooms")) {
                if (name.equals(room.path("name").asString())) {
                    assertThat(room.path("recording").asBoolean()).as(name + " records").isTrue();
                    return room.path("id").asLong();
                }
            }
        }
        throw new AssertionError("no classroom " + name + " in " + structure);
    }

    /** The demo's periods 1–8 and period 9 from {@code start} to {@code end}, on every day of the week. */
    void setBells(LocalTime start, LocalTime end) throws Exception {
        StringBuilder periods = new StringBuilder();
        String[] starts = { "08:00", "08:55", "10:00", "10:55", "14:00", "14:55", "16:00", "16:55" };
        for (int i = 0; i < starts.length; i++) {
            LocalTime s = LocalTime.parse(starts[i]);
            periods.append("{\"no\":").append(i + 1).append(",\"start\":\"").append(s).append("\",\"end\":\"")
                    .append(s.plusMinutes(45)).append("\"},");
        }
        periods.append("{\"no\":").append(TEST_PERIOD).append(",\"start\":\"").append(start).append("\",\"end\":\"")
                .append(end).append("\"}");
        platform.call("PUT", "/api/v1/schools/" + schoolId + "/bell-schedule", admin,
                "{\"dayKinds\":[{\"name\":\"常规\",\"weekdays\":[1,2,3,4,5,6,7],\"periods\":[" + periods + "]}]}");
    }

    /** 七年级1班's week: 数学 with 王芳 in 录播教室1 in the test period of every day (the import replaces the week). */
    void importTimetable() throws Exception {
        StringBuilder csv = new StringBuilder("班级,星期,节次,学科,教师,教室\n");
        for (int day = 1; day <= 7; day++) {
            csv.append("七年级1班,").append(day).append(',').append(TEST_PERIOD).append(",数学,王芳,录播教室1\n");
        }
        JsonNode imported = platform.upload("/api/v1/schools/" + schoolId + "/imports/timetable", admin,
                "timetable.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.path("imported").asInt()).isEqualTo(7);
    }

    JsonNode channel() throws Exception {
        return platform.get("/api/v1/live/channels/" + classroomId, teacher);
    }

    /** What the platform holds of a tus upload (asked directly, as the device). */
    JsonNode upload(String uploadUrl) throws Exception {
        return platform.get("/api/v1/uploads/" + uploadUrl.substring(uploadUrl.lastIndexOf('/') + 1), deviceToken);
    }

    /** The library lesson the platform made of the agent's recording (0 until there is one). */
    Callable<Long> lessonIdOf(String recordingId) {
        return () -> {
            for (JsonNode r : platform.get("/api/v1/devices/" + deviceId + "/recordings", admin)) {
                if (recordingId.equals(r.path("recordingId").asString()) && r.path("lessonId").isNumber()) {
                    return r.path("lessonId").asLong();
                }
            }
            return 0L;
        };
    }

    // --- the classroom's side ---------------------------------------------------------------------------------

    /** A 10 s 720p clip with sound (a finished recording's file). */
    Path makeClip(Path file) throws Exception {
        Ffmpeg.Result made = ffmpeg.run(List.of("-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "10", "-c:v",
                "libx264", "-preset", "ultrafast", "-b:v", "1M", "-c:a", "aac", "-movflags", "+faststart",
                file.toString()), Duration.ofMinutes(3));
        assertThat(made.ok()).as(made.stderr()).isTrue();
        return file;
    }

    Recording addFinishedRecording(Instant startedAt, String title) throws IOException {
        return addFinishedRecording(agent.library(), startedAt, title);
    }

    /** Puts the clip into the library as a recording that finished (the agent's queue picks it up). */
    Recording addFinishedRecording(RecordingLibrary library, Instant startedAt, String title) throws IOException {
        Recording r = library.create(startedAt, null, title, null, false);
        Path file = library.dir(r.id()).resolve("program.mp4");
        Files.copy(clip, file);
        long bytes = Files.size(file);
        String sha256 = RecordingLibrary.sha256(file);
        return library.update(r.id(), x -> x.finished(x.startedAt().plusSeconds(10), "program.mp4", bytes, sha256,
                10.0, false, null)).orElseThrow(() -> new UncheckedIOException(new IOException("lost " + r.id())));
    }

    /** The first minute boundary at least {@code lead} after {@code now}. */
    static ZonedDateTime nextMinute(ZonedDateTime now, Duration lead) {
        ZonedDateTime next = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        return Duration.between(now, next).compareTo(lead) < 0 ? next.plusMinutes(1) : next;
    }

    /** A whole-hour offset in which it is 19:xx at {@code now} (a period of a few minutes never crosses midnight). */
    static ZoneOffset eveningZone(Instant now) {
        int utcHour = now.atZone(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(19 - utcHour + 12, 24) - 12;
        return ZoneOffset.ofHours(offset);
    }

    /** Prints the figures and keeps them for {@code bench/run-live-latency.sh}. */
    static void report(Percentiles glass, Percentiles agentSide, Long playerEstimate, long misses) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("| measured (same run) | p50 | p95 | n | min–max |");
        lines.add("|---|---|---|---|---|");
        lines.add(row("glass-to-glass: time strip in the frame Chromium shows vs the browser clock", glass));
        lines.add(row("reference, agent side: segment named by the platform's playlist vs its first frame", agentSide));
        lines.add("hls.js's own estimate behind the live edge at the end: "
                + (playerEstimate == null ? "none" : playerEstimate + " ms") + "; frames whose strip was unreadable: "
                + misses);
        lines.forEach(line -> System.out.println("e2e: " + line));
        String file = System.getProperty("ketang.e2e.report");
        if (file != null) {
            Path path = Path.of(file);
            Files.createDirectories(path.getParent());
            Files.write(path, lines);
        }
    }

    private static String row(String what, Percentiles p) {
        return String.format("| %s | %.2f s | %.2f s | %d | %.2f–%.2f s |", what, p.p50() / 1000.0, p.p95() / 1000.0,
                p.count(), p.min() / 1000.0, p.max() / 1000.0);
    }
}
