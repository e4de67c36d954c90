package org.ketang.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.platform.PlatformApplication;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.jayway.jsonpath.JsonPath;

/**
 * A real restart: the platform runs twice, one after the other, on the embedded defaults (an H2 file database
 * and the upload directory under one data directory). Half an upload sent to the first run is finished on the
 * second. Not an {@code *ApiTests} class: it brings its own file database instead of the per-test one.
 */
class UploadsSurviveARestartTests {

    static final String PASSWORD = "correct-horse-1";

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void halfAnUploadSentBeforeARestartIsFinishedAfterIt(@TempDir Path dataDir) throws Exception {
        byte[] file = new byte[2_000_000];
        new Random(7).nextBytes(file);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        String id;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            first.getBean(UserAccounts.class).create(new UserAccounts.NewAccount("restart-teacher", null, "老师",
                    PASSWORD, 1L, Set.of("TEACHER"), false));
            int port = port(first);
            String token = token(port);
            HttpResponse<String> created = send(tus(port, token, "/api/v1/uploads").header("Upload-Length",
                    String.valueOf(file.length)).header("Upload-Metadata", "filename " + b64("重启.mp4") + ",sha256 "
                            + b64(sha256)).POST(BodyPublishers.noBody()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String location = created.headers().firstValue("Location").orElseThrow();
            id = location.substring(location.lastIndexOf('/') + 1);
            assertThat(patch(port, token, id, 0, Arrays.copyOfRange(file, 0, 777_777)).statusCode()).isEqualTo(204);
        }

        try (ConfigurableApplicationContext second = start(dataDir)) {
            int port = port(second);
            String token = token(port);
            HttpResponse<String> head = send(tus(port, token, "/api/v1/uploads/" + id).method("HEAD",
                    BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Upload-Offset")).hasValue("777777");
            HttpResponse<String> rest = patch(port, token, id, 777_777,
                    Arrays.copyOfRange(file, 777_777, file.length));
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);

            Upload upload = second.getBean(Uploads.class).find(id).orElseThrow();
            assertThat(upload.state()).isEqualTo(Upload.State.COMPLETED);
            assertThat(upload.sha256()).isEqualTo(sha256);
            assertThat(Files.readAllBytes(upload.file())).isEqualTo(file);
        }
    }

    static ConfigurableApplicationContext start(Path dataDir) {
        // command-line arguments, so that they win over application.yml (server.port: 8080)
        return new SpringApplicationBuilder(PlatformApplication.class)
                .run("--ketang.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN");
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    HttpResponse<String> patch(int port, String token, String id, long offset, byte[] body) throws Exception {
        return send(tus(port, token, "/api/v1/uploads/" + id).header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", String.valueOf(offset)).method("PATCH", BodyPublishers.ofByteArray(body)));
    }

    String token(int port) throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/auth/login")).header("Content-Type", "application/json").POST(BodyPublishers.ofString(
                        "{\"username\":\"restart-teacher\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.token");
    }

    HttpRequest.Builder tus(int port, String token, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Tus-Resumable", "1.0.0");
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
