package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.devices.internal.CommandWaiters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

/**
 * The long-poll over a real HTTP server, as the agent uses it: the request waits in the servlet container
 * (asynchronously, re-authenticated on the async dispatch) and is answered the moment an admin issues a command.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo" })
class CommandLongPollOverHttpApiTests {

    @LocalServerPort
    int port;

    @Autowired
    CommandWaiters waiters;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWaitingAgentGetsTheCommandTheMomentItIsIssued() throws Exception {
        String admin = signIn("sadmin2");
        long room = Long.parseLong(JsonPath.read(send(get("/api/v1/devices/recorders", admin)).body(),
                "$.rooms[?(@.classroomName == '录播教室2')].classroomId").toString().replaceAll("[^0-9]", ""));
        String code = JsonPath.read(send(post("/api/v1/devices/enrollment-codes", admin,
                "{\"classroomId\":" + room + ",\"kind\":\"recorder\"}")).body(), "$.code");
        String enrollment = send(post(AgentApi.ENROLL, null, "{\"code\":\"" + code
                + "\",\"kind\":\"recorder\",\"hostname\":\"box-http\",\"agentVersion\":\"0.1.0\"}")).body();
        String device = JsonPath.read(enrollment, "$.token");
        long deviceId = ((Number) JsonPath.read(enrollment, "$.deviceId")).longValue();

        CompletableFuture<HttpResponse<String>> poll = http.sendAsync(
                get(AgentApi.COMMANDS + "?waitSeconds=30", device), BodyHandlers.ofString());
        Instant deadline = Instant.now().plusSeconds(20);
        while (!waiters.waiting(deviceId) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(waiters.waiting(deviceId)).as("the poll is waiting on the server").isTrue();
        assertThat(poll).isNotDone();

        HttpResponse<String> issued = send(post("/api/v1/devices/" + deviceId + "/commands", admin,
                "{\"type\":\"START_RECORDING\",\"args\":{\"title\":\"公开课\"}}"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);

        HttpResponse<String> answer = poll.get(25, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(answer.body(), "$[0].id")).isEqualTo(JsonPath.read(issued.body(), "$.id"));
        assertThat(JsonPath.<String>read(answer.body(), "$[0].args.title")).isEqualTo("公开课");

        HttpResponse<String> quiet = send(get(AgentApi.COMMANDS + "?waitSeconds=1", device));
        assertThat(quiet.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<Integer>read(quiet.body(), "$.length()")).isEqualTo(1); // not acknowledged yet
    }

    @Test
    void aPersonCannotLongPoll() throws Exception {
        HttpResponse<String> response = send(get(AgentApi.COMMANDS + "?waitSeconds=1", signIn("t1")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("https://ketang.dev/problems/forbidden");
    }

    String signIn(String username) throws Exception {
        HttpResponse<String> login = send(post("/api/v1/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"ketang2026\"}"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.token");
    }

    HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    HttpRequest post(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, BodyHandlers.ofString());
    }
}
