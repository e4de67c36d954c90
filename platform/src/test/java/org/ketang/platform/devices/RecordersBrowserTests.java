package org.ketang.platform.devices;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.Health;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.SourceHealth;
import org.ketang.platform.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import tools.jackson.databind.ObjectMapper;

/**
 * A school admin opens 录播设备, makes an enrollment code for 录播教室1 and reads it off the screen; the box is
 * enrolled with that code and sends one heartbeat, and the page shows it online and recording, with the classroom's
 * upcoming schedule and the booking form in their tabs.
 */
class RecordersBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSchoolAdminEnrollsARecorderWithACodeFromThePageAndSeesItOnline() throws Exception {
        long room = jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = 'S01' and r.name = '录播教室1'""").query(Long.class).single();
        Page page = newPage();
        signIn(page, "sadmin1");
        page.waitForURL("**/admin/**");
        page.getByTestId("nav-recorders").click();
        Locator card = page.getByTestId("recorder-room-" + room);
        assertThat(card).containsText("录播教室1");

        page.getByTestId("recorder-code-" + room).click();
        Locator code = page.getByTestId("enrollment-code");
        assertThat(code).hasText(java.util.regex.Pattern.compile("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"));
        String typed = code.textContent().strip();
        assertThat(page.getByTestId("enrollment-command")).containsText("--code " + typed);
        assertThat(page.getByTestId("enrollment-expires")).isVisible();
        screenshot(page, "recorders-enrollment-code");
        page.getByTestId("enrollment-dialog").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("确定")).click();

        // the box: enroll with the code read off the screen, then one heartbeat while recording
        HttpResponse<String> enrolled = post(AgentApi.ENROLL, null, json.writeValueAsString(Map.of("code", typed,
                "kind", "recorder", "hostname", "rec-101", "agentVersion", "0.3.1")));
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
        String token = JsonPath.read(enrolled.body(), "$.token");
        Heartbeat beat = new Heartbeat(Instant.now(), AgentState.CAPTURING, "r-browser", Instant.now().minusSeconds(75),
                false, List.of(new SourceHealth("teacher", "synthetic:classroom", true, null)),
                new Health(31, 2L << 30, 8L << 30, 300L << 30, 500L << 30, null, 600), "0.3.1", null, null, -20.0,
                List.of(), List.of(), null, "10.1.2.9", 24);
        HttpResponse<String> reply = post(AgentApi.HEARTBEAT, token, json.writeValueAsString(beat));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);

        LocatorAssertions.HasTextOptions soon = new LocatorAssertions.HasTextOptions().setTimeout(20_000);
        assertThat(page.getByTestId("recorder-online-" + room)).hasText("在线", soon);
        assertThat(page.getByTestId("recorder-state-" + room)).hasText("录制中");
        assertThat(page.getByTestId("recorder-version-" + room)).hasText("0.3.1");
        assertThat(page.getByTestId("recorder-elapsed-" + room)).containsText("已录 0:0");
        assertThat(page.getByTestId("recorder-record-" + room)).containsText("停止录制");
        screenshot(page, "recorders-online");

        // what the box will record: 录播教室1's timetable lessons (it is 七年级1班's home)
        page.getByTestId("tab-schedule").click();
        assertThat(page.getByTestId("schedule-table")).containsText("七年级1班");
        page.getByTestId("tab-bookings").click();
        assertThat(page.getByTestId("booking-submit")).isVisible();
        screenshot(page, "recorders-bookings");
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
