package org.ketang.platform.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.media.TestVideos;

import com.jayway.jsonpath.JsonPath;

/**
 * A classroom recorder over real HTTP, for live tests against a running platform: people sign in and enroll it
 * through the API, and a real ffmpeg (the platform's own binary) pushes a live test picture with tone to it the way
 * the recorder agent does ({@code -f hls -method PUT -http_persistent 0} with the device's bearer header); afterwards
 * it uploads its recording with tus like the agent. Public for the browser tests of other modules (patrol,
 * observation) that need live classes from synthetic agents.
 */
public final class RealRecorder {

    /** An enrolled device. */
    public record Enrolled(long deviceId, String token) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final java.util.Map<String, String> tokens = new java.util.HashMap<>();

    public RealRecorder(int port) {
        this.base = "http://localhost:" + port;
    }

    public String base() {
        return base;
    }

    /** A bearer token of a demo user (signed in once: sign-ins are rate limited). */
    public String signIn(String username) throws Exception {
        String known = tokens.get(username);
        if (known != null) {
            return known;
        }
        var response = send(HttpRequest.newBuilder(uri("/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"ketang2026\"}"))
                .build());
        String token = JsonPath.read(response.body(), "$.token");
        tokens.put(username, token);
        return token;
    }

    /** Enrolls a device of {@code kind} in the classroom with a code issued by {@code admin}. */
    public Enrolled enroll(String admin, long classroomId, String kind) throws Exception {
        var issued = send(HttpRequest.newBuilder(uri("/api/v1/devices/enrollment-codes"))
                .header("Authorization", "Bearer " + signIn(admin)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"classroomId\":" + classroomId + ",\"kind\":\"" + kind + "\"}"))
                .build());
        String code = JsonPath.read(issued.body(), "$.code");
        var enrolled = send(HttpRequest.newBuilder(uri(AgentApi.ENROLL)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"kind\":\"" + kind
                        + "\",\"hostname\":\"live-box\",\"agentVersion\":\"0.1.0\"}"))
                .build());
        return new Enrolled(((Number) JsonPath.read(enrolled.body(), "$.deviceId")).longValue(),
                JsonPath.read(enrolled.body(), "$.token"));
    }

    /** GET with a bearer token (or none). */
    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Starts ffmpeg pushing live HLS as the device: 640×360 testsrc2 at 25 fps with a 440 Hz tone, 1 s segments,
     * six in the playlist, for at most two minutes. Stop it with {@link Process#destroy()}; its messages go to
     * {@code log}.
     *
     * @param segmentType {@code mpegts} (index0.ts …) or {@code fmp4} (init.mp4 + index0.m4s …)
     */
    public Process push(String deviceToken, String segmentType, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(TestVideos.FFMPEG.ffmpegBinary().toString(), "-hide_banner",
                "-nostdin", "-loglevel", "warning", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f",
                "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "120", "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-g", "25",
                "-keyint_min", "25", "-sc_threshold", "0", "-b:v", "600k", "-c:a", "aac", "-b:a", "64k", "-f", "hls",
                "-hls_time", "1", "-hls_list_size", "6", "-hls_segment_type", segmentType, "-method", "PUT",
                "-http_persistent", "0", "-headers", "Authorization: Bearer " + deviceToken + "\r\n",
                base + AgentApi.expand(AgentApi.LIVE, "index.m3u8")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(TestVideos.FFMPEG.environment());
        return builder.start();
    }

    /** Stops an ffmpeg started by {@link #push} (this process only, by its own handle). */
    public static void stop(Process ffmpeg) throws InterruptedException {
        ffmpeg.destroy();
        if (!ffmpeg.waitFor(10, TimeUnit.SECONDS)) {
            ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static String logOf(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Uploads a recording file as the device, as the agent does after a class: tus creation with the recording's
     * metadata ({@code purpose recording}, id, start and end, SHA-256), then one PATCH with the whole file.
     *
     * @return the upload id
     */
    public String uploadRecording(String deviceToken, Path file, String recordingId, java.time.Instant startedAt,
            java.time.Instant endedAt) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String sha256 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put(org.ketang.agent.protocol.UploadMetadata.PURPOSE, AgentApi.UPLOAD_PURPOSE);
        meta.put(org.ketang.agent.protocol.UploadMetadata.RECORDING_ID, recordingId);
        meta.put(org.ketang.agent.protocol.UploadMetadata.STARTED_AT, startedAt.toString());
        meta.put(org.ketang.agent.protocol.UploadMetadata.ENDED_AT, endedAt.toString());
        meta.put(org.ketang.agent.protocol.UploadMetadata.FILENAME, recordingId + ".mp4");
        meta.put(org.ketang.agent.protocol.UploadMetadata.SHA256, sha256);
        String header = String.join(",", meta.entrySet().stream().map(e -> e.getKey() + " "
                + java.util.Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8))).toList());
        var created = send(HttpRequest.newBuilder(uri(AgentApi.UPLOADS)).header("Authorization", "Bearer " + deviceToken)
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", String.valueOf(bytes.length))
                .header("Upload-Metadata", header).POST(HttpRequest.BodyPublishers.noBody()).build());
        String location = created.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no upload: " + created.statusCode() + " " + created.body()));
        var patched = send(HttpRequest.newBuilder(uri(location)).header("Authorization", "Bearer " + deviceToken)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        if (patched.statusCode() != 204) {
            throw new IllegalStateException("upload failed: " + patched.statusCode() + " " + patched.body());
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }
}
