package org.ketang.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ketang.recorder.Eventually.waitFor;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.agent.protocol.Enrollment;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.recorder.control.PlatformClient;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;
import org.ketang.recorder.upload.BandwidthLimiter;
import org.ketang.recorder.upload.RecordingUploader;

import tools.jackson.databind.JsonNode;

/**
 * The agent against the real platform jar ({@code platform/target/ketang.jar --demo}, started as its own process on
 * an unusual port): real enrollment with a code an admin issued, and tus uploads into the platform's ingest —
 * including a network cut half-way and a resume with an equal SHA-256. Skipped when the jar was not built (build it
 * with {@code ./mvnw -B -pl platform -am package -DskipTests}); on CI ({@code CI=true}) a missing jar fails.
 */
class RealPlatformTests {

    static final Path JAR = Path.of(System.getProperty("ketang.platform.jar", "../platform/target/ketang.jar"));
    static Process platform;
    static URI base;
    static Path platformData;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Ffmpeg FFMPEG = new Ffmpeg(null, null);

    @TempDir
    Path data;

    @BeforeAll
    static void startPlatform() throws Exception {
        if (!Files.exists(JAR)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("The platform jar is missing: " + JAR.toAbsolutePath());
            }
            Assumptions.abort("The platform jar is not built: " + JAR.toAbsolutePath());
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        platformData = Files.createTempDirectory("ketang-platform");
        platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--demo", "--server.port=" + port, "--ketang.data-dir=" + platformData,
                "--logging.level.root=WARN").redirectErrorStream(true)
                .redirectOutput(platformData.resolve("platform.log").toFile()).start();
        base = URI.create("http://127.0.0.1:" + port);
        waitFor("the platform to be healthy", Duration.ofMinutes(5), () -> {
            if (!platform.isAlive()) {
                throw new IllegalStateException("The platform stopped; see " + platformData.resolve("platform.log"));
            }
            try {
                return get("/actuator/health", null).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.destroy();
            if (!platform.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
        }
    }

    static HttpResponse<String> get(String path, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    static JsonNode post(String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return AgentJson.MAPPER.readTree(response.body());
    }

    /** An admin issues an enrollment code for a recording classroom of school 1. */
    static String enrollmentCode() throws Exception {
        String admin = post("/api/v1/auth/login", null, "{\"username\":\"sadmin1\",\"password\":\"ketang2026\"}")
                .get("token").asString();
        JsonNode schools = AgentJson.MAPPER.readTree(get("/api/v1/schools", admin).body());
        long school = schools.isArray() ? schools.get(0).get("id").asLong() : schools.get("content").get(0).get("id")
                .asLong();
        JsonNode structure = AgentJson.MAPPER.readTree(get("/api/v1/schools/" + school + "/structure", admin).body());
        long classroom = -1;
        for (JsonNode building : structure.get("buildings")) {
            for (JsonNode room : building.get("classrooms")) {
                if (classroom < 0 && room.path("recording").asBoolean()) {
                    classroom = room.get("id").asLong();
                }
            }
        }
        assertThat(classroom).as("a recording classroom in the demo").isPositive();
        return post("/api/v1/devices/enrollment-codes", admin, "{\"classroomId\":" + classroom
                + ",\"kind\":\"recorder\"}").get("code").asString();
    }

    /** What the platform says about an upload (as its owner sees it). */
    static JsonNode upload(String uploadUrl, String token) throws Exception {
        String id = uploadUrl.substring(uploadUrl.lastIndexOf('/') + 1);
        return AgentJson.MAPPER.readTree(get("/api/v1/uploads/" + id, token).body());
    }

    /** A real 20 s 720p clip as a finished recording. */
    static Recording clip(RecordingLibrary library) throws Exception {
        Recording r = library.create(Instant.now().minusSeconds(20), null, "真实平台测试", null, false);
        Path file = library.dir(r.id()).resolve("program.mp4");
        Ffmpeg.Result made = FFMPEG.run(List.of("-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "20", "-c:v",
                "libx264", "-preset", "ultrafast", "-b:v", "3M", "-c:a", "aac", "-movflags", "+faststart",
                file.toString()), Duration.ofMinutes(2));
        assertThat(made.ok()).as(made.stderr()).isTrue();
        return library.update(r.id(), x -> {
            try {
                return x.finished(x.startedAt().plusSeconds(20), "program.mp4", Files.size(file),
                        RecordingLibrary.sha256(file), 20.0, false, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElseThrow();
    }

    @Test
    void anUploadCutByTheNetworkResumesIntoThePlatformWithTheSameChecksum() throws Exception {
        PlatformClient anonymous = new PlatformClient(base, Optional::empty);
        Enrollment device = anonymous.enroll(new EnrollRequest(enrollmentCode(), "recorder", "box-test", null,
                RecorderAgent.VERSION, "aa:bb:cc:dd:ee:01", "127.0.0.1", 8));
        RecordingLibrary library = new RecordingLibrary(data.resolve("recordings"));
        Recording r = clip(library);
        try (CuttableProxy proxy = new CuttableProxy(base.getPort())) {
            RecordingUploader uploader = new RecordingUploader(library,
                    () -> Optional.of(new RecordingUploader.Target(proxy.uri(), device.token())));
            // slow enough to be cut half-way
            BandwidthLimiter slow = new BandwidthLimiter(r.bytes() / 4, BandwidthLimiter.Ticker.SYSTEM);
            Future<Recording> first = Executors.newSingleThreadExecutor().submit(() -> uploader.upload(r, slow,
                    () -> true));
            waitFor("a third of the bytes sent", Duration.ofSeconds(60), () -> uploader.progress() != null
                    && uploader.progress().offset() > r.bytes() / 3);
            proxy.cut();
            assertThatThrownBy(first::get).hasCauseInstanceOf(IOException.class);

            Recording cut = new RecordingLibrary(data.resolve("recordings")).find(r.id()).orElseThrow();
            assertThat(cut.phase()).isEqualTo(Phase.UPLOADING);
            JsonNode half = upload(cut.uploadUrl(), device.token());
            assertThat(half.get("state").asString()).isEqualTo("RECEIVING");
            long kept = half.get("offset").asLong();
            assertThat(kept).isBetween(1L, r.bytes() - 1);

            // the agent restarts and resumes from the server's offset
            RecordingLibrary restarted = new RecordingLibrary(data.resolve("recordings"));
            Recording done = new RecordingUploader(restarted,
                    () -> Optional.of(new RecordingUploader.Target(proxy.uri(), device.token())))
                    .upload(restarted.find(r.id()).orElseThrow(), BandwidthLimiter.unlimited(), () -> true);

            assertThat(done.phase()).isEqualTo(Phase.UPLOADED);
            assertThat(done.uploadUrl()).isEqualTo(cut.uploadUrl());
            JsonNode whole = upload(done.uploadUrl(), device.token());
            assertThat(whole.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(whole.get("sha256").asString()).isEqualTo(r.sha256());
            assertThat(whole.get("length").asLong()).isEqualTo(r.bytes());
            System.out.printf("network cut: the platform kept %d of %d bytes; the restarted agent sent the rest%n", kept,
                    r.bytes());
        }
    }

    @Test
    void theAgentEnrollsWithARealCodeRecordsAndItsRecordingIsAccepted() throws Exception {
        RecorderAgent agent = RecorderAgent.builder(data).platform(base).enrollmentCode(enrollmentCode())
                .localPagePort(0).build();
        try {
            agent.start();
            waitFor("enrolled", Duration.ofSeconds(60), () -> agent.status().enrolled());
            Recording r = agent.startRecording("真实平台");
            Thread.sleep(5000);
            agent.stopRecording();
            waitFor("uploaded", Duration.ofSeconds(120), () -> agent.library().find(r.id())
                    .map(x -> x.phase() == Phase.UPLOADED).orElse(false));
            Recording done = agent.library().find(r.id()).orElseThrow();
            String token = org.ketang.recorder.control.Credentials.load(data).orElseThrow().enrollment().token();
            JsonNode accepted = upload(done.uploadUrl(), token);
            // COMPLETED means the platform's checks (SHA-256, the media probe) passed on the fragmented MP4
            assertThat(accepted.get("state").asString()).isEqualTo("COMPLETED");
            assertThat(accepted.get("sha256").asString()).isEqualTo(done.sha256());
            List<String> keys = new ArrayList<>();
            accepted.get("metadata").propertyNames().forEach(keys::add);
            assertThat(keys).contains("purpose", "recordingId", "startedAt", "endedAt", "filename", "sha256");
        } finally {
            agent.close();
        }
    }
}
