package org.ketang.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

/**
 * The real platform jar ({@code platform/target/ketang.jar --demo}) started as a child process on a free port
 * with its own data directory, as a district would run it; benchmarks talk to it over HTTP only.
 */
final class RunningPlatform implements AutoCloseable {

    static final Path JAR = Path.of("platform", "target", "ketang.jar");

    final int port;
    final Path dataDir;
    final double startSeconds;
    private final Process process;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningPlatform(int port, Path dataDir, Process process, double startSeconds) {
        this.port = port;
        this.dataDir = dataDir;
        this.process = process;
        this.startSeconds = startSeconds;
    }

    static RunningPlatform start(Path dataDir, String... extraArgs) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("Build the platform first: ./mvnw -B -DskipTests package");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--demo", "--server.port=" + port, "--ketang.data-dir=" + dataDir,
                "--logging.level.root=WARN"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("platform.log").toFile()).start();
        long t0 = System.nanoTime();
        RunningPlatform platform = new RunningPlatform(port, dataDir, process, 0);
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The platform stopped; see " + dataDir.resolve("platform.log"));
            }
            try {
                if (platform.get("/actuator/health", null).statusCode() == 200) {
                    return new RunningPlatform(port, dataDir, process, (System.nanoTime() - t0) / 1e9);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The platform did not become healthy in 5 minutes");
    }

    /** The platform's process id (for memory readings). */
    long pid() {
        return process.pid();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Signs a demo user in and returns their bearer token. */
    String login(String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"ketang2026\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login " + username + ": " + response.statusCode() + " " + response.body());
        }
        return JsonPath.read(response.body(), "$.token");
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
