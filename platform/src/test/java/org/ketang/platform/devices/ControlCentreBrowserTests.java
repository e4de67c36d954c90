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
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.agent.protocol.Health;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.SourceHealth;
import org.ketang.platform.BrowserTest;
import org.ketang.platform.devices.internal.OfflineWatch;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import tools.jackson.databind.ObjectMapper;

/**
 * A school admin opens 集控中心: a box that stopped heartbeating shows offline with an unacknowledged alert in the
 * menu badge; the admin acknowledges the alert in the log; when the box beats again its tile shows it recording.
 */
class ControlCentreBrowserTests extends BrowserTest {

    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired DeviceEnrollment enrollment;
    @Autowired UserAccounts accounts;
    @Autowired OfflineWatch offline;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSchoolAdminSeesABoxGoOfflineAcknowledgesTheAlertAndSeesItBack() throws Exception {
        long room = jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = 'S01' and r.name = '录播教室2'""").query(Long.class).single();
        UserAccounts.Account admin = accounts.findByUsername("sadmin1").orElseThrow();
        DeviceEnrollment.Enrolled box = enrollment.enroll(ActingAs.withRoles(admin.id(), "sadmin1", admin.schoolId(),
                BuiltInRole.SCHOOL_ADMIN), room, DeviceKind.RECORDER,
                new EnrollRequest("", "recorder", "rec-202", "KT-R1", "0.3.1", "02:00:00:00:02:02", "10.1.2.22", 24), null);
        long id = box.device().id();
        beat(box.token(), AgentState.IDLE);
        jdbc.sql("update dev_device_status set last_seen_at = ? where device_id = ?")
                .params(Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC), id).update();
        assertThat(offline.sweep().wentOffline()).contains(id);
        long alert = jdbc.sql("select max(id) from dev_alert where device_id = ? and kind = 'OFFLINE'").param(id)
                .query(Long.class).single();

        Page page = newPage();
        signIn(page, "sadmin1");
        page.waitForURL("**/admin/**");
        assertThat(page.getByTestId("alert-badge")).isVisible();
        page.getByTestId("nav-control").click();
        assertThat(page.getByTestId("device-" + id)).containsText("录播教室2");
        assertThat(page.getByTestId("device-state-" + id)).hasText("离线");
        screenshot(page, "control-offline");

        page.getByTestId("tab-alerts").click();
        assertThat(page.getByTestId("alert-status-" + alert)).hasText("未确认");
        page.getByTestId("ack-" + alert).click();
        assertThat(page.getByTestId("alert-status-" + alert)).hasText("已确认");
        assertThat(page.getByTestId("alert-log")).containsText("sadmin1");
        screenshot(page, "control-alert-acknowledged");

        beat(box.token(), AgentState.CAPTURING);
        page.getByTestId("tab-monitor").click();
        LocatorAssertions.HasTextOptions soon = new LocatorAssertions.HasTextOptions().setTimeout(20_000);
        assertThat(page.getByTestId("device-state-" + id)).hasText("录制中", soon);
        Locator tile = page.getByTestId("device-" + id);
        assertThat(tile).containsText("CPU 31");
        screenshot(page, "control-back-recording");
    }

    private void beat(String token, AgentState state) throws Exception {
        boolean recording = state == AgentState.CAPTURING;
        Heartbeat beat = new Heartbeat(Instant.now(), state, recording ? "r-control" : null,
                recording ? Instant.now().minusSeconds(30) : null, false,
                List.of(new SourceHealth("teacher", "synthetic:classroom", true, null)),
                new Health(31, 2L << 30, 8L << 30, 300L << 30, 500L << 30, 48.0, 600), "0.3.1", null, null, -20.0,
                List.of(), List.of(), "02:00:00:00:02:02", "10.1.2.22", 24);
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + AgentApi.HEARTBEAT))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(BodyPublishers.ofString(json.writeValueAsString(beat))).build(), BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }
}
