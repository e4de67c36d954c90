package org.ketang.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.ketang.recorder.AgentJson;

import tools.jackson.databind.JsonNode;

/**
 * The platform as a district runs it: {@code ketang.jar --demo} as its own process on a free port with its own data
 * folder, spoken to over HTTP only, as the people of the demo district (password {@code ketang2026}).
 */
final class PlatformProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("ketang.platform.jar", "../platform/target/ketang.jar"));

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PlatformProcess(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Skips the tests on a developer machine without the jar; fails on CI ({@code CI=true}). */
    static void requireJar() {
        if (!Files.exists(JAR)) {
            String why = "The platform jar is not built: " + JAR.toAbsolutePath()
                    + " (./mvnw -B -o -pl platform -am package -DskipTests)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }

    /** Starts the demo platform and waits (up to 5 minutes) until it answers healthy. */
    static PlatformProcess start(Path dataDir, String... extraArgs) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString(), "--demo", "--server.port=" + port,
                "--ketang.data-dir=" + dataDir, "--logging.level.root=WARN"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("platform.log").toFile()).start();
        PlatformProcess platform = new PlatformProcess(process, dataDir, port);
        // a test JVM that is stopped early does not leave the platform running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The platform stopped; see " + platform.log());
            }
            try {
                if (platform.send("GET", "/actuator/health", null, null).statusCode() == 200) {
                    return platform;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        platform.close();
        throw new IllegalStateException("The platform was not healthy within 5 minutes; see " + platform.log());
    }

    int port() {
        return port;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path log() {
        return dataDir.resolve("platform.log");
    }

    /** Signs a demo user in; the bearer token. */
    String login(String username) throws Exception {
        return call("POST", "/api/v1/auth/login", null, "{\"username\":\"" + username
                + "\",\"password\":\"ketang2026\"}").get("token").asString();
    }

    /** A call that must succeed (2xx); its JSON answer (null node when there is no body). */
    JsonNode call(String method, String path, String token, String json) throws Exception {
        HttpResponse<String> response = send(method, path, token, json);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return AgentJson.MAPPER.readTree(response.body().isEmpty() ? "null" : response.body());
    }

    JsonNode get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    /** Any call, whatever it answers. */
    HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads one file as {@code multipart/form-data} (field {@code file}); the JSON answer (must be 2xx). */
    JsonNode upload(String path, String token, String filename, byte[] content) throws Exception {
        String boundary = "ketang-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base().resolve(path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return AgentJson.MAPPER.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
