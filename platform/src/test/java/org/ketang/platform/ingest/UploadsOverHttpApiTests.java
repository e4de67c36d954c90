package org.ketang.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

/**
 * The upload endpoint over a real HTTP server, as a script or the recorder agent uses it: a bearer token from
 * {@code POST /api/v1/auth/login}, and a connection that really drops in the middle of a body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UploadsOverHttpApiTests {

    static final String PASSWORD = "correct-horse-1";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Uploads uploads;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDroppedConnectionKeepsTheBytesThatArrivedAndTheUploadResumesToTheRightSha256() throws Exception {
        String token = token(newTeacher());
        byte[] file = new byte[3 << 20];
        new Random(42).nextBytes(file);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        String id = create(token, file.length, "filename " + b64("公开课.mp4") + ",sha256 " + b64(sha256));

        // announce the whole file, send a bit more than a third of it, then cut the connection
        int sent = 1_100_000;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH /api/v1/uploads/" + id + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + file.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, sent);
            out.flush();
        }

        long kept = awaitOffset(token, id, sent);
        assertThat(kept).isEqualTo(sent);
        HttpResponse<String> rest = send(tus(token, "/api/v1/uploads/" + id)
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", String.valueOf(kept))
                .method("PATCH", BodyPublishers.ofByteArray(Arrays.copyOfRange(file, (int) kept, file.length))));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
        assertThat(rest.headers().firstValue("Upload-Offset")).hasValue(String.valueOf(file.length));
        assertThat(rest.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");

        Upload upload = uploads.find(id).orElseThrow();
        assertThat(upload.state()).isEqualTo(Upload.State.COMPLETED);
        assertThat(upload.sha256()).isEqualTo(sha256);
        assertThat(Files.size(upload.file())).isEqualTo(file.length);
    }

    @Test
    void aNewUploadCanBeListedAsUnfinishedWithItsProgress() throws Exception {
        String token = token(newTeacher());
        String id = create(token, 1000, "filename " + b64("a.mp4"));
        HttpResponse<String> patched = send(tus(token, "/api/v1/uploads/" + id)
                .header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "0")
                .method("PATCH", BodyPublishers.ofByteArray(new byte[400])));
        assertThat(patched.statusCode()).isEqualTo(204);
        HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/api/v1/uploads"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(list.body(), "$[0].state")).isEqualTo("RECEIVING");
        assertThat(JsonPath.<Integer>read(list.body(), "$[0].offset")).isEqualTo(400);
        assertThat(JsonPath.<Integer>read(list.body(), "$[0].length")).isEqualTo(1000);
        assertThat(JsonPath.<String>read(list.body(), "$[0].filename")).isEqualTo("a.mp4");
    }

    @Test
    void withoutSigningInTheEndpointAnswers401AndStillSpeaksTus() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/uploads/0123456789abcdef0123456789abcdef"))
                .header("Tus-Resumable", "1.0.0").method("HEAD", BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
    }

    // --- helpers ---

    long awaitOffset(String token, String id, long expected) throws Exception {
        long offset = -1;
        for (int i = 0; i < 100 && offset != expected; i++) {
            HttpResponse<String> head = send(tus(token, "/api/v1/uploads/" + id).method("HEAD", BodyPublishers.noBody()));
            if (head.statusCode() == 200) {
                offset = Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow());
            }
            if (offset != expected) {
                Thread.sleep(100);
            }
        }
        return offset;
    }

    String create(String token, long length, String metadata) throws Exception {
        HttpResponse<String> created = send(tus(token, "/api/v1/uploads").header("Upload-Length", String.valueOf(length))
                .header("Upload-Metadata", metadata).POST(BodyPublishers.noBody()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    HttpRequest.Builder tus(String token, String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0");
    }

    String newTeacher() {
        String username = "t" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.NewAccount(username, null, "老师", PASSWORD, 1L, Set.of("TEACHER"), false));
        return username;
    }

    String token(String username) throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.token");
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
