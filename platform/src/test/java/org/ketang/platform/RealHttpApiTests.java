package org.ketang.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What only a real HTTP server shows (MockMvc skips the servlet container's error dispatch): errors keep
 * their status and problem body, and the web app's routes serve the app.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RealHttpApiTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMalformedRequestIsA400ProblemNotA401() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"\",\"password\":\"\"}")).build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("https://ketang.dev/problems/validation").doesNotContain("Exception");
    }

    @Test
    void anUnknownApiPathNeedsSigningInFirst() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/v1/no-such-thing")).GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("unauthenticated");
    }

    @Test
    void bookmarkedPagesOfTheWebAppOpenTheApp() throws Exception {
        for (String path : new String[] { "/", "/login", "/admin/timetable", "/m" }) {
            var response = send(HttpRequest.newBuilder(uri(path)).GET().build());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("<div id=\"app\">");
        }
    }

    @Test
    void theWebAppGetsACsrfCookie() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/v1/auth/me")).GET().build());
        assertThat(response.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("XSRF-TOKEN="));
    }

    @Test
    void healthAndApiDocsArePublic() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build()).statusCode()).isEqualTo(200);
        var docs = send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/auth/login");
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
