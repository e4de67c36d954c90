package org.ketang.platform.devices;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.Health;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.SourceHealth;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Base of the devices API tests on the demo district: 第一中学 (S01, sadmin1) and 实验中学 (S02, sadmin2), each with
 * 录播教室1 and 录播教室2. Enrolls boxes through the real endpoints and speaks the agent protocol with their tokens.
 * Test classes share one application context, so each test enrolls its own box (a new recorder replaces the
 * classroom's previous one) and books its own times.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
public abstract class DeviceApiTest {

    @Autowired protected MockMvc mvc;
    @Autowired protected UserAccounts accounts;
    @Autowired protected JdbcClient jdbc;
    @Autowired protected ObjectMapper json;
    @Autowired protected Devices devices;

    /** An enrolled box: its id, classroom and bearer token. */
    protected record Agent(long deviceId, long classroomId, String token) {

        public RequestPostProcessor auth() {
            return request -> {
                request.addHeader("Authorization", "Bearer " + token);
                return request;
            };
        }
    }

    protected Actor actor(String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        return ActingAs.withRoles(a.id(), username, a.schoolId(),
                a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new));
    }

    /** Signs a request in as a demo user, with a CSRF token like the web app. */
    protected RequestPostProcessor by(String username) {
        Actor actor = actor(username);
        return request -> SecurityMockMvcRequestPostProcessors.csrf()
                .postProcessRequest(ActingAs.actor(actor).postProcessRequest(request));
    }

    protected long classroom(String school, String name) {
        return jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = ? and r.name = ?""").param(school).param(name).query(Long.class).single();
    }

    protected MockHttpServletRequestBuilder postJson(String path, Object body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
    }

    protected ResultActions issue(String username, long classroomId, String kind) throws Exception {
        return mvc.perform(postJson("/api/v1/devices/enrollment-codes", Map.of("classroomId", classroomId, "kind", kind))
                .with(by(username)));
    }

    protected String code(String username, long classroomId) throws Exception {
        String body = issue(username, classroomId, "recorder").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("code").asString();
    }

    protected ResultActions enroll(String code, String kind) throws Exception {
        Map<String, Object> request = Map.of("code", code, "kind", kind, "hostname", "box-1", "agentVersion", "0.1.0",
                "mac", "aa:bb:cc:dd:ee:01", "ip", "10.1.2.3", "netmask", 24);
        return mvc.perform(postJson(AgentApi.ENROLL, request));
    }

    protected JsonNode enrolled(String code) throws Exception {
        return json.readTree(enroll(code, "recorder").andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    /** A new recorder in the classroom, enrolled with a code of {@code admin}'s (it replaces any earlier one). */
    protected Agent recorder(String admin, long classroomId) throws Exception {
        JsonNode e = enrolled(code(admin, classroomId));
        return new Agent(e.get("deviceId").asLong(), classroomId, e.get("token").asString());
    }

    protected static Health health(double cpu) {
        return new Health(cpu, 2L << 30, 8L << 30, 200L << 30, 500L << 30, 51.5, 3600);
    }

    protected static Heartbeat beat(AgentState state, @Nullable String thumbnail, List<CommandResult> results,
            List<AgentAlert> alerts) {
        return new Heartbeat(Instant.now(), state, state == AgentState.CAPTURING ? "r-1" : null,
                state == AgentState.CAPTURING ? Instant.now().minusSeconds(90) : null, false,
                List.of(new SourceHealth("teacher", "synthetic:classroom", true, null),
                        new SourceHealth("student", "rtsp://cam2/stream", false, "connection refused")),
                health(37.5), "0.2.0", "cfg-3", thumbnail, -23.5, results, alerts, "aa:bb:cc:dd:ee:02", "10.1.2.4", 24);
    }

    protected static Heartbeat idle() {
        return beat(AgentState.IDLE, null, List.of(), List.of());
    }

    protected ResultActions heartbeat(Agent agent, Heartbeat beat) throws Exception {
        return mvc.perform(postJson(AgentApi.HEARTBEAT, beat).with(agent.auth()));
    }

    protected JsonNode heartbeatReply(Agent agent, Heartbeat beat) throws Exception {
        return json.readTree(heartbeat(agent, beat).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    /** Sends a command to the agent's device as {@code username}. */
    protected ResultActions command(String username, long deviceId, String type, Map<String, String> args)
            throws Exception {
        return mvc.perform(postJson("/api/v1/devices/" + deviceId + "/commands", Map.of("type", type, "args", args))
                .with(by(username)));
    }

    protected String commandId(String username, long deviceId, String type) throws Exception {
        String body = command(username, deviceId, type, Map.of()).andExpect(status().isAccepted()).andReturn()
                .getResponse().getContentAsString();
        return json.readTree(body).get("id").asString();
    }

    /** A real small JPEG, base64 as an agent sends it. */
    protected static String jpegBase64() throws Exception {
        BufferedImage image = new BufferedImage(32, 18, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x3366cc);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
