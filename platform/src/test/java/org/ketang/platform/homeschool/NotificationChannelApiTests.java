package org.ketang.platform.homeschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.LocalDate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.TestSchool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.jayway.jsonpath.JsonPath;

/**
 * The notification channel over a real server: signed in by a bearer token, a parent gets a class notice the
 * moment it is sent and the teacher gets the read receipt; strangers and other sites cannot open a channel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NotificationChannelApiTests {

    @LocalServerPort int port;
    @Autowired Organization organization;
    @Autowired UserAccounts accounts;

    final HttpClient http = HttpClient.newHttpClient();
    TestSchool school;

    @BeforeEach
    void school() {
        LocalDate today = LocalDate.now();
        school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
    }

    String login(String who) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + who + school.tag + "\",\"password\":\"password-" + school.tag + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.token");
    }

    HttpResponse<String> post(String token, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a channel and collects its text messages. */
    BlockingQueue<String> channel(String token, String origin) throws Exception {
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        builder.buildAsync(URI.create("ws://localhost:" + port + "/ws/notifications"), new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        return messages;
    }

    @Test
    void aParentIsToldOfANoticeAtOnceAndTheTeacherOfTheReceipt() throws Exception {
        String teacher = login("li");
        String parent = login("p1");
        BlockingQueue<String> parentChannel = channel(parent, null);
        BlockingQueue<String> teacherChannel = channel(teacher, null);
        BlockingQueue<String> otherParent = channel(login("p3"), null);

        var sent = post(teacher, "/api/v1/homeschool/notices", """
                {"title":"家长会","body":"周三下午三点","confirmRequired":true,"audience":{"kind":"CLASSES","classIds":[%d]}}"""
                .formatted(school.class1));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        long id = ((Number) JsonPath.read(sent.body(), "$.id")).longValue();

        String notice = parentChannel.poll(10, TimeUnit.SECONDS);
        assertThat(notice).isNotNull();
        assertThat((String) JsonPath.read(notice, "$.type")).isEqualTo("notice");
        assertThat(((Number) JsonPath.read(notice, "$.notice.id")).longValue()).isEqualTo(id);
        assertThat((String) JsonPath.read(notice, "$.notice.title")).isEqualTo("家长会");

        assertThat(post(parent, "/api/v1/homeschool/notices/" + id + "/read", "").statusCode()).isEqualTo(200);
        String receipt = teacherChannel.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat((String) JsonPath.read(receipt, "$.type")).isEqualTo("receipt");
        assertThat((Integer) JsonPath.read(receipt, "$.read")).isEqualTo(1);
        assertThat((String) JsonPath.read(receipt, "$.receipt.readAt")).isNotBlank();

        // the parent of 2班 was never told
        assertThat(otherParent.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void onlySignedInPeopleOnThePlatformsOwnPagesOpenAChannel() throws Exception {
        assertThatThrownBy(() -> channel(null, null)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(401));
        String parent = login("p1");
        assertThatThrownBy(() -> channel(parent, "https://evil.example.com")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(403));
        assertThat(channel(parent, "http://localhost:" + port)).isEmpty();
    }
}
