package org.ketang.platform.devices;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Who may command a classroom box, and what a command may say; every command is audited. */
class DeviceCommandsApiTests extends DeviceApiTest {

    @Test
    void aSchoolAdminCommandsTheirSchoolsBoxAndTheCommandIsAudited() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));

        command("sadmin1", agent.deviceId(), "start_recording", Map.of("title", "公开课", "minutes", "45"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.type").value("START_RECORDING"))
                .andExpect(jsonPath("$.state").value("PENDING"))
                .andExpect(jsonPath("$.args.title").value("公开课"))
                .andExpect(jsonPath("$.deviceId").value(agent.deviceId()))
                .andExpect(jsonPath("$.expiresAt").isNotEmpty());

        mvc.perform(get("/api/v1/audit").param("action", "device.command").with(by("sadmin1")))
                .andExpect(jsonPath("$.items[0].actorName").value("sadmin1"))
                .andExpect(jsonPath("$.items[0].target").value("录播教室1 录播主机 #" + agent.deviceId()))
                .andExpect(jsonPath("$.items[0].detail").value(org.hamcrest.Matchers.startsWith("START_RECORDING")));
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/commands").with(by("principal1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].type").value("START_RECORDING"));
    }

    @Test
    void aSchoolAdminCannotCommandAnotherSchoolsBoxNorATeacherAnyBox() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室2"));

        command("sadmin2", agent.deviceId(), "SHUTDOWN", Map.of()).andExpect(status().isNotFound());
        command("t1", agent.deviceId(), "SHUTDOWN", Map.of()).andExpect(status().isForbidden());
        command("principal1", agent.deviceId(), "SHUTDOWN", Map.of()).andExpect(status().isForbidden());
        command("sup1", agent.deviceId(), "SHUTDOWN", Map.of()).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/commands").with(by("sadmin2")))
                .andExpect(status().isNotFound());
        command("admin", agent.deviceId(), "SHUTDOWN", Map.of()).andExpect(status().isAccepted());
    }

    @Test
    void aCommandWithWrongArgumentsIsRefused() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室1"));
        command("sadmin2", agent.deviceId(), "DANCE", Map.of()).andExpect(status().isBadRequest());
        command("sadmin2", agent.deviceId(), "EXTEND_RECORDING", Map.of()).andExpect(status().isBadRequest());
        command("sadmin2", agent.deviceId(), "EXTEND_RECORDING", Map.of("minutes", "600")).andExpect(status().isBadRequest());
        command("sadmin2", agent.deviceId(), "WAKE_ON_LAN", Map.of("mac", "not-a-mac")).andExpect(status().isBadRequest());
        command("sadmin2", agent.deviceId(), "APPLY_CONFIG", Map.of("version", "7", "config", "[1]"))
                .andExpect(status().isBadRequest());
        command("sadmin2", agent.deviceId(), "EXTEND_RECORDING", Map.of("minutes", "15")).andExpect(status().isAccepted());
        command("sadmin2", agent.deviceId(), "WAKE_ON_LAN", Map.of("mac", "AA:BB:CC:00:11:22", "broadcast", "10.1.2.255"))
                .andExpect(status().isAccepted());
    }

    @Test
    void aDisplayDoesNotTakeRecordingCommands() throws Exception {
        String code = json.readTree(issue("sadmin1", classroom("S01", "阶梯教室"), "display").andReturn().getResponse()
                .getContentAsString()).get("code").asString();
        long display = json.readTree(enroll(code, "display").andReturn().getResponse().getContentAsString())
                .get("deviceId").asLong();
        command("sadmin1", display, "START_RECORDING", Map.of()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/not-a-recorder"));
        command("sadmin1", display, "REBOOT", Map.of()).andExpect(status().isAccepted());
    }
}
