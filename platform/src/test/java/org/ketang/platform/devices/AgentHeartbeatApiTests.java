package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.platform.devices.internal.Commands;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import tools.jackson.databind.JsonNode;

/** What a recorder says on its heartbeat is kept and shown; what the platform wants of it comes back in the reply. */
@RecordApplicationEvents
class AgentHeartbeatApiTests extends DeviceApiTest {

    @Autowired ApplicationEvents events;
    @Autowired Commands commands;

    @Test
    void aHeartbeatIsKeptAsTheDevicesStatusWithAHealthSampleThumbnailAndAlert() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        String thumbnail = jpegBase64();
        Instant crashed = Instant.parse("2026-11-24T01:02:03Z");
        AgentAlert alert = new AgentAlert(AgentAlert.Kind.CRASH_RECOVERED, "recovered r-20261124T010000Z", crashed);

        JsonNode reply = heartbeatReply(agent, beat(AgentState.CAPTURING, thumbnail, List.of(), List.of(alert)));

        assertThat(reply.get("heartbeatSeconds").asInt()).isPositive();
        assertThat(reply.get("commands").size()).isZero();
        assertThat(reply.get("scheduleEtag").asString()).startsWith("\"");
        assertThat(Instant.parse(reply.get("serverTime").asString())).isBefore(Instant.now().plusSeconds(1));
        mvc.perform(get("/api/v1/devices/" + agent.deviceId()).with(by("sadmin1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.online").value(true))
                .andExpect(jsonPath("$.state").value("CAPTURING"))
                .andExpect(jsonPath("$.recordingId").value("r-1"))
                .andExpect(jsonPath("$.recordingSince").isNotEmpty())
                .andExpect(jsonPath("$.audioLevelDb").value(-23.5))
                .andExpect(jsonPath("$.health.cpuPercent").value(37.5))
                .andExpect(jsonPath("$.health.temperatureC").value(51.5))
                .andExpect(jsonPath("$.sources[1].problem").value("connection refused"))
                .andExpect(jsonPath("$.agentVersion").value("0.2.0"))
                .andExpect(jsonPath("$.configVersion").value("cfg-3"))
                .andExpect(jsonPath("$.ip").value("10.1.2.4"))
                .andExpect(jsonPath("$.mac").value("aa:bb:cc:dd:ee:02"))
                .andExpect(jsonPath("$.thumbnailAt").isNotEmpty());
        assertThat(jdbc.sql("select count(*) from dev_health_sample where device_id = ?").param(agent.deviceId())
                .query(Long.class).single()).isEqualTo(1);
        byte[] served = mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/thumbnail.jpg").with(by("sup1")))
                .andExpect(status().isOk()).andExpect(content().contentType("image/jpeg")).andReturn().getResponse()
                .getContentAsByteArray();
        assertThat(served).isEqualTo(Base64.getDecoder().decode(thumbnail));
        mvc.perform(get("/api/v1/devices/alerts").param("deviceId", String.valueOf(agent.deviceId())).with(by("sadmin1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].kind").value("CRASH_RECOVERED"))
                .andExpect(jsonPath("$[0].message").value("recovered r-20261124T010000Z"))
                .andExpect(jsonPath("$[0].source").value("AGENT"))
                .andExpect(jsonPath("$[0].at").value("2026-11-24T01:02:03Z"));

        // the agent sends the alert again because it never saw the reply: still one alert; the next beat within the
        // sampling interval adds no sample
        heartbeat(agent, beat(AgentState.IDLE, null, List.of(), List.of(alert))).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from dev_alert where device_id = ?").param(agent.deviceId())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from dev_health_sample where device_id = ?").param(agent.deviceId())
                .query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/api/v1/devices/" + agent.deviceId()).with(by("sadmin1")))
                .andExpect(jsonPath("$.state").value("IDLE")).andExpect(jsonPath("$.recordingId").isEmpty());
    }

    @Test
    void aDeviceIsOfflineOnceItMissedThreeHeartbeats() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室2"));
        mvc.perform(get("/api/v1/devices/" + agent.deviceId()).with(by("sadmin2")))
                .andExpect(jsonPath("$.online").value(false)).andExpect(jsonPath("$.lastSeenAt").isEmpty());
        heartbeat(agent, idle()).andExpect(status().isOk());
        mvc.perform(get("/api/v1/devices").with(by("sadmin2")))
                .andExpect(jsonPath("$[?(@.id == " + agent.deviceId() + ")].online").value(true));

        // three heartbeat intervals (5 s each) and a bit without a word
        jdbc.sql("update dev_device_status set last_seen_at = ? where device_id = ?")
                .params(Instant.now().minusSeconds(16).atOffset(java.time.ZoneOffset.UTC), agent.deviceId()).update();
        mvc.perform(get("/api/v1/devices").with(by("sadmin2")))
                .andExpect(jsonPath("$[?(@.id == " + agent.deviceId() + ")].online").value(false));
    }

    @Test
    void aThumbnailThatIsNotASmallJpegIsDroppedWithoutFailingTheBeat() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室2"));
        String png = Base64.getEncoder().encodeToString(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 });
        heartbeat(agent, beat(AgentState.IDLE, png, List.of(), List.of())).andExpect(status().isOk());
        byte[] huge = new byte[201 * 1024];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        huge[huge.length - 2] = (byte) 0xFF;
        huge[huge.length - 1] = (byte) 0xD9;
        heartbeat(agent, beat(AgentState.IDLE, Base64.getEncoder().encodeToString(huge), List.of(), List.of()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/thumbnail.jpg").with(by("sadmin1")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/devices/" + agent.deviceId()).with(by("sadmin1")))
                .andExpect(jsonPath("$.online").value(true));
    }

    @Test
    void aCommandGoesOutOnEveryHeartbeatUntilTheAgentAcknowledgesIt() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        String id = commandId("sadmin1", agent.deviceId(), "START_RECORDING");

        JsonNode first = heartbeatReply(agent, idle());
        assertThat(first.get("commands").get(0).get("id").asString()).isEqualTo(id);
        assertThat(first.get("commands").get(0).get("type").asString()).isEqualTo("START_RECORDING");
        assertThat(first.get("commands").get(0).get("expiresAt").asString()).isNotBlank();
        // not acknowledged yet: it comes again (the agent runs each id once)
        assertThat(heartbeatReply(agent, idle()).get("commands").get(0).get("id").asString()).isEqualTo(id);
        assertThat(commands.find(id)).get().extracting(Commands.Issued::state).isEqualTo(Commands.State.DELIVERED);

        CommandResult done = new CommandResult(id, true, "recording r-2 started", Instant.now());
        JsonNode after = heartbeatReply(agent, beat(AgentState.CAPTURING, null, List.of(done), List.of()));

        assertThat(after.get("commands").size()).isZero();
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/commands").with(by("sadmin1")))
                .andExpect(jsonPath("$[0].id").value(id)).andExpect(jsonPath("$[0].state").value("SUCCEEDED"))
                .andExpect(jsonPath("$[0].ok").value(true))
                .andExpect(jsonPath("$[0].message").value("recording r-2 started"))
                .andExpect(jsonPath("$[0].issuedByName").value("sadmin1"));
        assertThat(events.stream(CommandFinished.class)).singleElement().satisfies(e -> {
            assertThat(e.commandId()).isEqualTo(id);
            assertThat(e.ok()).isTrue();
            assertThat(e.deviceId()).isEqualTo(agent.deviceId());
        });
        // the same result again (the reply was lost) changes nothing and announces nothing
        mvc.perform(postJson(AgentApi.expand(AgentApi.COMMAND_RESULT, id), done).with(agent.auth()))
                .andExpect(status().isNoContent());
        assertThat(events.stream(CommandFinished.class)).hasSize(1);
        mvc.perform(get("/api/v1/audit").param("action", "device.command-finished").with(by("sadmin1")))
                .andExpect(jsonPath("$.items[0].detail").value(org.hamcrest.Matchers.containsString(id)))
                .andExpect(jsonPath("$.items[0].actorName").value("sadmin1"));
    }

    @Test
    void aCommandAcknowledgedAtOnceOnItsOwnPathIsFinished() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室1"));
        String id = commandId("sadmin2", agent.deviceId(), "LIVE_ON");
        mvc.perform(postJson(AgentApi.expand(AgentApi.COMMAND_RESULT, id),
                new CommandResult(id, false, "no camera", Instant.now())).with(agent.auth()))
                .andExpect(status().isNoContent());
        assertThat(commands.find(id)).get().satisfies(c -> {
            assertThat(c.state()).isEqualTo(Commands.State.FAILED);
            assertThat(c.message()).isEqualTo("no camera");
        });
        // another device cannot acknowledge it, and an unknown id is not found
        Agent other = recorder("sadmin2", classroom("S02", "录播教室2"));
        mvc.perform(postJson(AgentApi.expand(AgentApi.COMMAND_RESULT, id),
                new CommandResult(id, true, null, Instant.now())).with(other.auth())).andExpect(status().isNotFound());
        mvc.perform(postJson(AgentApi.expand(AgentApi.COMMAND_RESULT, "nope"),
                new CommandResult("nope", true, null, Instant.now())).with(agent.auth()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aCommandNobodyAcknowledgedExpiresAndIsNoLongerDelivered() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室2"));
        String id = commandId("sadmin1", agent.deviceId(), "REBOOT");
        jdbc.sql("update dev_command set expires_at = ? where id = ?")
                .params(Instant.now().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC), id).update();

        assertThat(heartbeatReply(agent, idle()).get("commands").size()).isZero();
        assertThat(commands.expire()).isGreaterThanOrEqualTo(1);

        assertThat(commands.find(id)).get().extracting(Commands.Issued::state).isEqualTo(Commands.State.EXPIRED);
        assertThat(events.stream(CommandFinished.class).filter(e -> e.commandId().equals(id))).singleElement()
                .satisfies(e -> assertThat(e.expired()).isTrue());
    }

    @Test
    void aHeartbeatWithoutStateOrHealthIsRefused() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室1"));
        mvc.perform(post(AgentApi.HEARTBEAT).with(agent.auth()).contentType("application/json")
                .content("{\"sentAt\":\"2026-11-24T00:00:00Z\",\"sources\":[],\"results\":[],\"alerts\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/validation"));
        mvc.perform(post(AgentApi.HEARTBEAT).with(agent.auth()).contentType("application/json")
                .content("{\"state\":\"DANCING\"}")).andExpect(status().isBadRequest());
    }

    @Test
    void peopleCannotUseTheAgentEndpoints() throws Exception {
        mvc.perform(postJson(AgentApi.HEARTBEAT, idle()).with(by("sadmin1"))).andExpect(status().isForbidden());
        mvc.perform(postJson(AgentApi.HEARTBEAT, idle()).with(by("admin"))).andExpect(status().isForbidden());
        mvc.perform(get(AgentApi.COMMANDS).param("waitSeconds", "0").with(by("t1"))).andExpect(status().isForbidden());
        mvc.perform(get(AgentApi.SCHEDULE).with(by("sadmin1"))).andExpect(status().isForbidden());
        mvc.perform(get(AgentApi.expand(AgentApi.RECORDING, "r-1")).with(by("t1"))).andExpect(status().isForbidden());
        mvc.perform(postJson(AgentApi.HEARTBEAT, idle())).andExpect(status().isUnauthorized());
    }

    @Test
    void aRetiredDevicesTokenNoLongerGetsIn() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        heartbeat(agent, idle()).andExpect(status().isOk());
        mvc.perform(post("/api/v1/devices/" + agent.deviceId() + "/retire").with(by("sadmin1")))
                .andExpect(status().isNoContent());
        heartbeat(agent, idle()).andExpect(status().isUnauthorized());
        mvc.perform(get(AgentApi.SCHEDULE).with(agent.auth())).andExpect(status().isUnauthorized());
        command("sadmin1", agent.deviceId(), "REBOOT", Map.of()).andExpect(status().isConflict());
    }

    @Test
    void theRecordersPageListsTheRecordingClassroomsInReachWithTheirRecorders() throws Exception {
        long room = classroom("S01", "录播教室2");
        Agent agent = recorder("sadmin1", room);
        heartbeat(agent, beat(AgentState.CAPTURING, null, List.of(), List.of())).andExpect(status().isOk());

        mvc.perform(get("/api/v1/devices/recorders").with(by("sadmin1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.serverTime").isNotEmpty())
                .andExpect(jsonPath("$.heartbeatSeconds").value(5))
                .andExpect(jsonPath("$.rooms[*].classroomName", org.hamcrest.Matchers.containsInAnyOrder("录播教室1", "录播教室2")))
                .andExpect(jsonPath("$.rooms[?(@.classroomId == " + room + ")].schoolName").value("第一中学"))
                .andExpect(jsonPath("$.rooms[?(@.classroomId == " + room + ")].buildingName").value("综合楼"))
                .andExpect(jsonPath("$.rooms[?(@.classroomId == " + room + ")].autoRecord").value(true))
                .andExpect(jsonPath("$.rooms[?(@.classroomId == " + room + ")].recorder.id").value((int) agent.deviceId()))
                .andExpect(jsonPath("$.rooms[?(@.classroomId == " + room + ")].recorder.online").value(true))
                .andExpect(jsonPath("$.rooms[?(@.classroomId == " + room + ")].recorder.state").value("CAPTURING"));
        // a district supervisor sees every school's recording classrooms (other tests may add schools)
        mvc.perform(get("/api/v1/devices/recorders").with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.rooms[?(@.schoolName == '第一中学')].classroomId", org.hamcrest.Matchers.hasSize(2)))
                .andExpect(jsonPath("$.rooms[?(@.schoolName == '实验中学')].classroomId", org.hamcrest.Matchers.hasSize(2)));
        mvc.perform(get("/api/v1/devices/recorders").param("schoolId", "1").with(by("sadmin2")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/devices/recorders").with(by("t1"))).andExpect(status().isForbidden());
    }

    @Test
    void theDeviceListShowsEveryDeviceInReachWithItsState() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室1"));
        heartbeat(agent, beat(AgentState.UPLOADING, null, List.of(), List.of())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/devices").with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem((int) agent.deviceId())))
                .andExpect(jsonPath("$[?(@.id == " + agent.deviceId() + ")].state").value("UPLOADING"));
        mvc.perform(get("/api/v1/devices/" + agent.deviceId()).with(by("sadmin1"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/thumbnail.jpg").with(by("t2")))
                .andExpect(status().isForbidden());
    }
}
