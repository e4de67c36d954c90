package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.SourceHealth;
import org.ketang.platform.devices.internal.OfflineWatch;
import org.ketang.platform.devices.internal.PowerPlans;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * The control centre: offline alerts raised by the sweep and acknowledged by a person, Wake-on-LAN sent by the
 * platform (captured on loopback, where the test profile points the platform's packets: 127.0.0.1:47009) or relayed
 * by an agent of the same subnet, power off through the agent, config versions rolled out and reported back, bulk
 * actions and power plans, each school admin in their own school only.
 */
class DeviceControlApiTests extends DeviceApiTest {

    private static final int WOL_PORT = 47009;

    @Autowired OfflineWatch offline;
    @Autowired PowerPlans powerPlans;

    private static Heartbeat beatFrom(String mac, String ip, @Nullable String configVersion,
            List<CommandResult> results) {
        return new Heartbeat(Instant.now(), AgentState.IDLE, null, null, false,
                List.of(new SourceHealth("teacher", "synthetic:classroom", true, null)), health(12.5), "0.3.0",
                configVersion, null, -30.0, results, List.of(), mac, ip, 24);
    }

    private void lastSeen(Agent agent, Instant at) {
        jdbc.sql("update dev_device_status set last_seen_at = ? where device_id = ?")
                .params(at.atOffset(java.time.ZoneOffset.UTC), agent.deviceId()).update();
    }

    private JsonNode body(org.springframework.test.web.servlet.ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private JsonNode inventoryRow(String user, long deviceId) throws Exception {
        JsonNode rows = body(mvc.perform(get("/api/v1/devices/inventory").param("retired", "true").with(by(user)))
                .andExpect(status().isOk()));
        for (JsonNode row : rows) {
            if (row.get("id").asLong() == deviceId) {
                return row;
            }
        }
        throw new AssertionError("device " + deviceId + " not in " + user + "'s inventory");
    }

    private JsonNode alertsOf(String user, Agent agent) throws Exception {
        return body(mvc.perform(get("/api/v1/devices/alerts").param("deviceId", String.valueOf(agent.deviceId()))
                .with(by(user))).andExpect(status().isOk()));
    }

    private JsonNode commandsIn(JsonNode reply, String type) {
        List<JsonNode> found = new ArrayList<>();
        reply.get("commands").forEach(c -> {
            if (c.get("type").asString().equals(type)) {
                found.add(c);
            }
        });
        assertThat(found).as("%s commands in %s", type, reply).hasSize(1);
        return found.get(0);
    }

    @Test
    void anAgentThatMissesThreeHeartbeatsGoesOfflineRaisesAnAlertAndComesBackResolved() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        heartbeatReply(agent, idle());
        assertThat(inventoryRow("sadmin1", agent.deviceId()).get("online").asBoolean()).isTrue();

        lastSeen(agent, Instant.now().minusSeconds(16)); // 5 s heartbeats, three missed
        assertThat(offline.sweep().wentOffline()).contains(agent.deviceId());
        assertThat(offline.sweep().wentOffline()).doesNotContain(agent.deviceId()); // one alert, not one per sweep

        JsonNode alert = alertsOf("sadmin1", agent).get(0);
        assertThat(alert.get("kind").asString()).isEqualTo("OFFLINE");
        assertThat(alert.get("source").asString()).isEqualTo("PLATFORM");
        assertThat(alert.get("resolvedAt").isNull()).isTrue();
        assertThat(inventoryRow("sadmin1", agent.deviceId()).get("online").asBoolean()).isFalse();
        assertThat(body(mvc.perform(get("/api/v1/devices/alerts/open-count").with(by("sadmin1")))).get("count").asInt())
                .isPositive();

        long id = alert.get("id").asLong();
        mvc.perform(postJson("/api/v1/devices/alerts/" + id + "/acknowledge", Map.of()).with(by("sadmin2")))
                .andExpect(status().isNotFound());
        mvc.perform(postJson("/api/v1/devices/alerts/" + id + "/acknowledge", Map.of()).with(by("principal1")))
                .andExpect(status().isForbidden());
        mvc.perform(postJson("/api/v1/devices/alerts/" + id + "/acknowledge", Map.of()).with(by("sadmin1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.acknowledgedByName").value("sadmin1"))
                .andExpect(jsonPath("$.acknowledgedAt").isNotEmpty());

        heartbeatReply(agent, idle());
        offline.sweep();
        JsonNode resolved = alertsOf("sadmin1", agent).get(0);
        assertThat(resolved.get("id").asLong()).isEqualTo(id);
        assertThat(resolved.get("resolvedAt").isNull()).isFalse();
        assertThat(inventoryRow("sadmin1", agent.deviceId()).get("online").asBoolean()).isTrue();
    }

    @Test
    void wakeOnLanFromThePlatformSendsAMagicPacketAndIsAudited() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室2"));
        heartbeatReply(agent, beatFrom("0a:1b:2c:3d:4e:5f", "10.61.3.7", null, List.of()));
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                WOL_PORT))) {
            listener.setSoTimeout(10_000);
            mvc.perform(postJson("/api/v1/devices/" + agent.deviceId() + "/power", Map.of("action", "on", "via",
                    "platform")).with(by("sadmin1")))
                    .andExpect(status().isAccepted()).andExpect(jsonPath("$.ok").value(true))
                    .andExpect(jsonPath("$.directTo").value("127.0.0.1:" + WOL_PORT));
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            listener.receive(packet);
            byte[] got = Arrays.copyOf(packet.getData(), packet.getLength());
            byte[] mac = { 0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f };
            assertThat(got).hasSize(102);
            for (int i = 0; i < 6; i++) {
                assertThat(got[i]).isEqualTo((byte) 0xFF);
            }
            for (int i = 0; i < 16; i++) {
                assertThat(Arrays.copyOfRange(got, 6 + 6 * i, 12 + 6 * i)).isEqualTo(mac);
            }
        }
        JsonNode action = body(mvc.perform(get("/api/v1/devices/actions").with(by("sadmin1")))).get(0);
        assertThat(action.get("type").asString()).isEqualTo("WAKE_ON_LAN");
        assertThat(action.get("deviceId").asLong()).isEqualTo(agent.deviceId());
        assertThat(action.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(action.get("issuedByName").asString()).isEqualTo("sadmin1");
        mvc.perform(get("/api/v1/audit").param("action", "device.command").with(by("sadmin1")))
                .andExpect(jsonPath("$.items[0].detail").value(org.hamcrest.Matchers.startsWith("WAKE_ON_LAN")));
    }

    @Test
    void wakeOnLanIsRelayedByAnOnlineAgentOfTheSameSubnet() throws Exception {
        Agent sleeping = recorder("sadmin2", classroom("S02", "录播教室1"));
        Agent relay = recorder("sadmin2", classroom("S02", "录播教室2"));
        heartbeatReply(sleeping, beatFrom("02:00:00:77:05:10", "10.77.5.10", null, List.of()));
        heartbeatReply(relay, beatFrom("02:00:00:77:05:20", "10.77.5.20", null, List.of()));
        lastSeen(sleeping, Instant.now().minusSeconds(3600));

        mvc.perform(postJson("/api/v1/devices/" + sleeping.deviceId() + "/power", Map.of("action", "ON", "via",
                "relay")).with(by("sadmin2")))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.relayDeviceId").value(relay.deviceId()))
                .andExpect(jsonPath("$.directTo").doesNotExist());

        JsonNode command = commandsIn(heartbeatReply(relay, beatFrom("02:00:00:77:05:20", "10.77.5.20", null,
                List.of())), "WAKE_ON_LAN");
        assertThat(command.get("args").get("mac").asString()).isEqualTo("02:00:00:77:05:10");
        assertThat(command.get("args").get("broadcast").asString()).isEqualTo("10.77.5.255");
        assertThat(command.get("args").get("port").asString()).isEqualTo(String.valueOf(WOL_PORT));

        // the relay does what the recorder does with it, and acknowledges
        try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            listener.setSoTimeout(10_000);
            org.ketang.agent.protocol.WakeOnLan.send(command.get("args").get("mac").asString(),
                    InetAddress.getLoopbackAddress(), listener.getLocalPort());
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            listener.receive(packet);
            assertThat(packet.getLength()).isEqualTo(102);
        }
        String id = command.get("id").asString();
        heartbeatReply(relay, beatFrom("02:00:00:77:05:20", "10.77.5.20", null,
                List.of(new CommandResult(id, true, "magic packet sent", Instant.now()))));
        JsonNode action = body(mvc.perform(get("/api/v1/devices/actions").with(by("sadmin2")))).get(0);
        assertThat(action.get("id").asString()).isEqualTo(id);
        assertThat(action.get("deviceId").asLong()).isEqualTo(relay.deviceId());
        assertThat(action.get("targetDeviceId").asLong()).isEqualTo(sleeping.deviceId());
        assertThat(action.get("state").asString()).isEqualTo("SUCCEEDED");

        // with no online agent in its subnet, a relayed wake has nobody to ask
        lastSeen(relay, Instant.now().minusSeconds(3600));
        mvc.perform(postJson("/api/v1/devices/" + sleeping.deviceId() + "/power", Map.of("action", "ON", "via",
                "relay")).with(by("sadmin2")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value(
                        "https://ketang.dev/problems/wake-failed"));
    }

    @Test
    void aShutdownReachesTheAgentIsAcknowledgedAndAudited() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        heartbeatReply(agent, idle());
        String id = body(mvc.perform(postJson("/api/v1/devices/" + agent.deviceId() + "/power", Map.of("action",
                "OFF")).with(by("sadmin1"))).andExpect(status().isAccepted())).get("commandId").asString();

        JsonNode command = commandsIn(heartbeatReply(agent, idle()), "SHUTDOWN");
        assertThat(command.get("id").asString()).isEqualTo(id);
        mvc.perform(postJson(AgentApi.COMMAND_RESULT.replace("{id}", id),
                new CommandResult(id, true, "关机 / shutting down: systemctl poweroff", Instant.now()))
                .with(agent.auth())).andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/commands").with(by("sadmin1")))
                .andExpect(jsonPath("$[0].id").value(id)).andExpect(jsonPath("$[0].state").value("SUCCEEDED"));
        mvc.perform(get("/api/v1/audit").param("action", "device.command-finished").with(by("sadmin1")))
                .andExpect(jsonPath("$.items[0].actorName").value("sadmin1"))
                .andExpect(jsonPath("$.items[0].detail").value(org.hamcrest.Matchers.startsWith("SHUTDOWN")))
                .andExpect(jsonPath("$.items[0].outcome").value("SUCCESS"));
    }

    @Test
    void aSchoolAdminCannotPowerOffAnotherSchoolsRoom() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室2"));
        heartbeatReply(agent, idle());
        mvc.perform(postJson("/api/v1/devices/" + agent.deviceId() + "/power", Map.of("action", "OFF"))
                .with(by("sadmin2"))).andExpect(status().isNotFound());
        mvc.perform(postJson("/api/v1/devices/" + agent.deviceId() + "/power", Map.of("action", "OFF"))
                .with(by("principal1"))).andExpect(status().isForbidden());

        JsonNode batch = body(mvc.perform(postJson("/api/v1/devices/bulk", Map.of("action", "SHUTDOWN", "deviceIds",
                List.of(agent.deviceId()))).with(by("sadmin2"))).andExpect(status().isAccepted()));
        assertThat(batch.get("items").get(0).get("accepted").asBoolean()).isFalse();
        assertThat(commandsOf(agent)).isEmpty();
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/health").with(by("sadmin2")))
                .andExpect(status().isNotFound());
    }

    private List<String> commandsOf(Agent agent) throws Exception {
        List<String> types = new ArrayList<>();
        heartbeatReply(agent, idle()).get("commands").forEach(c -> types.add(c.get("type").asString()));
        return types;
    }

    @Test
    void aBulkActionHasAResultPerDevice() throws Exception {
        Agent one = recorder("sadmin1", classroom("S01", "录播教室1"));
        Agent two = recorder("sadmin1", classroom("S01", "录播教室2"));
        Agent other = recorder("sadmin2", classroom("S02", "录播教室1"));
        JsonNode batch = body(mvc.perform(postJson("/api/v1/devices/bulk", Map.of("action", "start_recording",
                "deviceIds", List.of(one.deviceId(), two.deviceId(), other.deviceId()), "args",
                Map.of("title", "公开课"))).with(by("sadmin1"))).andExpect(status().isAccepted()));
        Map<Long, JsonNode> items = new LinkedHashMap<>();
        batch.get("items").forEach(i -> items.put(i.get("deviceId").asLong(), i));
        assertThat(items.get(one.deviceId()).get("state").asString()).isEqualTo("PENDING");
        assertThat(items.get(two.deviceId()).get("accepted").asBoolean()).isTrue();
        assertThat(items.get(other.deviceId()).get("accepted").asBoolean()).isFalse();

        String id = commandsIn(heartbeatReply(one, idle()), "START_RECORDING").get("id").asString();
        heartbeatReply(one, beat(AgentState.CAPTURING, null, List.of(new CommandResult(id, true, "started",
                Instant.now())), List.of()));
        mvc.perform(get("/api/v1/devices/bulk/" + batch.get("id").asLong()).with(by("sadmin1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.deviceId == " + one.deviceId() + ")].state").value("SUCCEEDED"))
                .andExpect(jsonPath("$.items[?(@.deviceId == " + two.deviceId() + ")].state").value("PENDING"));
        mvc.perform(get("/api/v1/audit").param("action", "device.bulk").with(by("sadmin1")))
                .andExpect(jsonPath("$.items[0].detail").value(org.hamcrest.Matchers.startsWith("START_RECORDING")));
    }

    @Test
    void aBulkPowerOnNamesTheRoomItCouldNotWake() throws Exception {
        Agent unknown = recorder("sadmin2", classroom("S02", "录播教室1"));
        Agent known = recorder("sadmin2", classroom("S02", "录播教室2"));
        heartbeatReply(known, beatFrom("02:00:00:00:99:02", "10.99.0.2", null, List.of()));
        jdbc.sql("update dev_device set mac = null where id = ?").param(unknown.deviceId()).update();

        JsonNode batch = body(mvc.perform(postJson("/api/v1/devices/bulk", Map.of("action", "POWER_ON", "deviceIds",
                List.of(unknown.deviceId(), known.deviceId()))).with(by("sadmin2"))).andExpect(status().isAccepted()));
        Map<Long, JsonNode> items = new LinkedHashMap<>();
        batch.get("items").forEach(i -> items.put(i.get("deviceId").asLong(), i));
        assertThat(items.get(unknown.deviceId()).get("accepted").asBoolean()).isFalse();
        assertThat(items.get(unknown.deviceId()).get("message").asString()).contains("MAC");
        assertThat(items.get(known.deviceId()).get("accepted").asBoolean()).isTrue();
        assertThat(items.get(known.deviceId()).get("state").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aConfigVersionRollsOutAndIsReportedBackAndAFailedApplyShows() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        long school = jdbc.sql("select id from org_school where code = 'S01'").query(Long.class).single();
        Map<String, Object> settings = Map.of("resolution", "1280x720", "videoKbps", 2500, "storageQuotaGb", 200,
                "uploadWindow", "17:00-07:00", "tracking", Map.of("enabled", true, "sensitivity", 6, "zoom", 1.5,
                        "region", Map.of("x", 0.1, "y", 0.1, "width", 0.8, "height", 0.6)));
        mvc.perform(postJson("/api/v1/devices/config-profiles", Map.of("name", "全区方案", "settings", settings))
                .with(by("sadmin1"))).andExpect(status().isForbidden());
        JsonNode profile = body(mvc.perform(postJson("/api/v1/devices/config-profiles", Map.of("schoolId", school,
                "name", "标准录制", "settings", settings)).with(by("sadmin1"))).andExpect(status().isCreated()));
        long id = profile.get("id").asLong();
        String v1 = "p" + id + "v1";
        assertThat(profile.get("versionLabel").asString()).isEqualTo(v1);
        mvc.perform(postJson("/api/v1/devices/config-profiles/" + id + "/assignments", Map.of("scope", "DEVICE",
                "targetId", agent.deviceId())).with(by("sadmin2"))).andExpect(status().isNotFound());
        mvc.perform(postJson("/api/v1/devices/config-profiles/" + id + "/assignments", Map.of("scope", "DEVICE",
                "targetId", agent.deviceId())).with(by("sadmin1"))).andExpect(status().isCreated());

        JsonNode apply = commandsIn(heartbeatReply(agent, beatFrom("aa:bb:cc:dd:ee:09", "10.1.2.9", null, List.of())),
                "APPLY_CONFIG");
        assertThat(apply.get("args").get("version").asString()).isEqualTo(v1);
        JsonNode config = json.readTree(apply.get("args").get("config").asString());
        assertThat(config.get("program").get("width").asInt()).isEqualTo(1280);
        assertThat(config.get("program").get("height").asInt()).isEqualTo(720);
        assertThat(config.get("program").get("videoKbps").asInt()).isEqualTo(2500);
        assertThat(config.get("storage").get("maxBytes").asLong()).isEqualTo(200L << 30);
        assertThat(config.get("upload").get("window").asString()).isEqualTo("17:00-07:00");
        // in the recorder's own tracking keys (recorder AgentSettings): steps 1–10 are 0.1–1.0
        assertThat(config.get("tracking").get("sensitivity").asDouble()).isEqualTo(0.6);
        assertThat(config.get("tracking").get("teachingArea").get("width").asDouble()).isEqualTo(0.8);
        assertThat(config.get("tracking").has("region")).isFalse();
        assertThat(inventoryRow("sadmin1", agent.deviceId()).get("config").get("status").asString())
                .isEqualTo("PENDING");

        heartbeatReply(agent, beatFrom("aa:bb:cc:dd:ee:09", "10.1.2.9", v1, List.of(new CommandResult(
                apply.get("id").asString(), true, "config " + v1 + " applied", Instant.now()))));
        JsonNode row = inventoryRow("sadmin1", agent.deviceId());
        assertThat(row.get("config").get("status").asString()).isEqualTo("APPLIED");
        assertThat(row.get("config").get("reportedVersion").asString()).isEqualTo(v1);

        settings = new LinkedHashMap<>(settings);
        settings.put("videoKbps", 6000);
        mvc.perform(put("/api/v1/devices/config-profiles/" + id).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("name", "标准录制", "settings", settings))).with(by("sadmin1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
        JsonNode apply2 = commandsIn(heartbeatReply(agent, beatFrom("aa:bb:cc:dd:ee:09", "10.1.2.9", v1, List.of())),
                "APPLY_CONFIG");
        assertThat(apply2.get("args").get("version").asString()).isEqualTo("p" + id + "v2");
        heartbeatReply(agent, beatFrom("aa:bb:cc:dd:ee:09", "10.1.2.9", v1, List.of(new CommandResult(
                apply2.get("id").asString(), false, "invalid config, still running version " + v1, Instant.now()))));
        row = inventoryRow("sadmin1", agent.deviceId());
        assertThat(row.get("config").get("status").asString()).isEqualTo("FAILED");
        assertThat(row.get("config").get("expectedVersion").asString()).isEqualTo("p" + id + "v2");
        assertThat(row.get("config").get("reportedVersion").asString()).isEqualTo(v1);
        assertThat(row.get("config").get("message").asString()).contains("invalid config");
    }

    @Test
    void aPowerPlanRunsOnceADayAsABulkAction() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室2"));
        heartbeatReply(agent, idle());
        long school = jdbc.sql("select id from org_school where code = 'S02'").query(Long.class).single();
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Shanghai"));
        LocalTime off = now.isBefore(LocalTime.of(0, 2)) ? LocalTime.MIDNIGHT : now.minusMinutes(1);
        mvc.perform(postJson("/api/v1/devices/power-plans", Map.of("schoolId", school, "name", "x", "onTime", "18:00",
                "offTime", "07:30")).with(by("sadmin2"))).andExpect(status().isBadRequest());
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("schoolId", school);
        plan.put("name", "晚间关机");
        plan.put("offTime", off.withNano(0).toString());
        plan.put("schoolDaysOnly", false);
        long id = body(mvc.perform(postJson("/api/v1/devices/power-plans", plan).with(by("sadmin2")))
                .andExpect(status().isCreated())).get("id").asLong();

        powerPlans.runDue();
        powerPlans.runDue();
        JsonNode runs = body(mvc.perform(get("/api/v1/devices/power-plans/" + id + "/runs").with(by("sadmin2"))));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("action").asString()).isEqualTo("OFF");
        long batch = runs.get(0).get("batchId").asLong();
        mvc.perform(get("/api/v1/devices/bulk/" + batch).with(by("sadmin2")))
                .andExpect(jsonPath("$.action").value("SHUTDOWN"))
                .andExpect(jsonPath("$.items[?(@.deviceId == " + agent.deviceId() + ")].accepted").value(true));
        assertThat(commandsOf(agent)).contains("SHUTDOWN");
        mvc.perform(postJson("/api/v1/devices/power-plans/" + id + "/disable", Map.of()).with(by("sadmin1")))
                .andExpect(status().isNotFound());
        mvc.perform(postJson("/api/v1/devices/power-plans/" + id + "/disable", Map.of()).with(by("sadmin2")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
    }
}
