package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.platform.http.ApiProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/** Enrolling classroom boxes on the demo district: 第一中学 (S01, sadmin1) and 实验中学 (S02, sadmin2). */
class DeviceEnrollmentApiTests extends DeviceApiTest {

    @Autowired DeviceEnrollment direct;

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
