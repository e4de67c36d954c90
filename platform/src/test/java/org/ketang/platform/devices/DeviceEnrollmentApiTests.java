package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Enrolling classroom boxes on the demo district: 第一中学 (S01, sadmin1) and 实验中学 (S02, sadmin2). */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class DeviceEnrollmentApiTests {

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired Devices devices;
    @Autowired DeviceEnrollment direct;

    Actor actor(String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        return ActingAs.withRoles(a.id(), username, a.schoolId(),
                a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new));
    }

    RequestPostProcessor by(String username) {
        Actor actor = actor(username);
        return request -> SecurityMockMvcRequestPostProcessors.csrf()
                .postProcessRequest(ActingAs.actor(actor).postProcessRequest(request));
    }

    long classroom(String school, String name) {
        return jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = ? and r.name = ?""").param(school).param(name).query(Long.class).single();
    }

    ResultActions issue(String username, long classroomId, String kind) throws Exception {
        return mvc.perform(post("/api/v1/devices/enrollment-codes").with(by(username))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("classroomId", classroomId, "kind", kind))));
    }

    String code(String username, long classroomId) throws Exception {
        String body = issue(username, classroomId, "recorder").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("code").asString();
    }

    ResultActions enroll(String code, String kind) throws Exception {
        Map<String, Object> request = Map.of("code", code, "kind", kind, "hostname", "box-1", "agentVersion", "0.1.0",
                "mac", "aa:bb:cc:dd:ee:01", "ip", "10.1.2.3", "netmask", 24);
        return mvc.perform(post(AgentApi.ENROLL).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(request)));
    }

    JsonNode enrolled(String code) throws Exception {
        return json.readTree(enroll(code, "recorder").andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void aSchoolAdminsCodeEnrollsABoxThatThenSignsInWithItsOwnToken() throws Exception {
        long room = classroom("S01", "录播教室1");
        String code = code("sadmin1", room);
        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");

        JsonNode enrollment = enrolled(code.toLowerCase().replace("-", " "));

        assertThat(enrollment.get("classroomId").asLong()).isEqualTo(room);
        assertThat(enrollment.get("classroomName").asString()).isEqualTo("录播教室1");
        assertThat(enrollment.get("schoolName").asString()).isEqualTo("第一中学");
        assertThat(enrollment.get("heartbeatSeconds").asInt()).isPositive();
        String token = enrollment.get("token").asString();
        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk())
                .andExpect(jsonPath("$.roles", hasItem("DEVICE")));
        long deviceId = enrollment.get("deviceId").asLong();
        assertThat(devices.recorderOf(room)).get().extracting(Device::id).isEqualTo(deviceId);
        assertThat(devices.find(deviceId)).get().satisfies(d -> {
            assertThat(d.mac()).isEqualTo("aa:bb:cc:dd:ee:01");
            assertThat(d.netmask()).isEqualTo(24);
        });
        mvc.perform(get("/api/v1/audit").with(by("sadmin1")).param("action", "device.enrolled"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].target").value("录播教室1 录播主机 #" + deviceId));
    }

    @Test
    void aCodeWorksOnceAndAWrongOneTellsNothing() throws Exception {
        String code = code("sadmin1", classroom("S01", "录播教室2"));
        enroll(code, "recorder").andExpect(status().isOk());

        enroll(code, "recorder").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/enrollment-code-invalid"));
        enroll("ZZZZ-ZZZZ", "recorder").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/enrollment-code-invalid"));
        mvc.perform(post(AgentApi.ENROLL).contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aRecorderCodeDoesNotEnrollADisplay() throws Exception {
        String code = code("sadmin1", classroom("S01", "录播教室2"));
        enroll(code, "display").andExpect(status().isBadRequest());
        enroll(code, "recorder").andExpect(status().isOk());
    }

    @Test
    void aNewRecorderReplacesTheOldOneWhoseTokenStopsWorking() throws Exception {
        long room = classroom("S02", "录播教室1");
        JsonNode first = enrolled(code("sadmin2", room));
        JsonNode second = enrolled(code("sadmin2", room));

        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + first.get("token").asString()))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + second.get("token").asString()))
                .andExpect(status().isOk());
        assertThat(devices.recorderOf(room)).get().extracting(Device::id).isEqualTo(second.get("deviceId").asLong());
        assertThat(devices.find(first.get("deviceId").asLong())).get().extracting(Device::inService).isEqualTo(false);
        mvc.perform(get("/api/v1/devices").with(by("sadmin2")).param("retired", "true")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + first.get("deviceId").asLong() + ")].retiredAt").isNotEmpty());
    }

    @Test
    void scopeDecidesWhoMayAddAndSeeDevices() throws Exception {
        long s01 = classroom("S01", "录播教室1");
        issue("sadmin2", s01, "recorder").andExpect(status().isNotFound());
        issue("t1", s01, "recorder").andExpect(status().isForbidden());
        issue("principal1", s01, "recorder").andExpect(status().isForbidden());
        issue("admin", s01, "recorder").andExpect(status().isCreated());
        issue("sadmin1", classroom("S01", "阶梯教室"), "recorder").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/not-a-recording-classroom"));
        issue("sadmin1", classroom("S01", "阶梯教室"), "display").andExpect(status().isCreated());

        long deviceId = enrolled(code("sadmin1", s01)).get("deviceId").asLong();
        mvc.perform(get("/api/v1/devices").with(by("sadmin1"))).andExpect(jsonPath("$[*].id", hasItem((int) deviceId)));
        mvc.perform(get("/api/v1/devices").with(by("sadmin2")))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) deviceId))));
        mvc.perform(get("/api/v1/devices").with(by("sup1"))).andExpect(jsonPath("$[*].id", hasItem((int) deviceId)));
        mvc.perform(get("/api/v1/devices").with(by("t1"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/devices/" + deviceId + "/retire").with(by("sadmin2"))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/devices/" + deviceId + "/retire").with(by("sadmin1")))
                .andExpect(status().isNoContent());
        assertThat(devices.find(deviceId)).get().extracting(Device::inService).isEqualTo(false);
    }

    @Test
    void anAdminCanEnrollADisplayDirectlyUnderTheSameRules() throws Exception {
        EnrollRequest details = new EnrollRequest("", "display", "screen-7", null, "0.1.0", null, null, null);
        long room = classroom("S01", "阶梯教室");

        DeviceEnrollment.Enrolled display = direct.enroll(actor("sadmin1"), room, DeviceKind.DISPLAY, details, null);

        assertThat(display.device().kind()).isEqualTo(DeviceKind.DISPLAY);
        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + display.token()))
                .andExpect(status().isOk());
        assertThatThrownBy(() -> direct.enroll(actor("sadmin2"), room, DeviceKind.DISPLAY, details, null))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.slug()).isEqualTo("not-found"));
        assertThatThrownBy(() -> direct.enroll(actor("sadmin1"), room, DeviceKind.RECORDER, details, null))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.slug()).isEqualTo("not-a-recording-classroom"));
    }
}
