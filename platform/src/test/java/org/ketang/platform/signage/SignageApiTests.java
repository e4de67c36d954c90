package org.ketang.platform.signage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Signage on the demo district: 第一中学 (S01, sadmin1) with 七年级 in 录播教室1/2 and 八年级 in 201/202教室. */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class SignageApiTests {

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    RequestPostProcessor by(String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        Actor actor = ActingAs.withRoles(a.id(), username, a.schoolId(),
                a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new));
        return request -> SecurityMockMvcRequestPostProcessors.csrf()
                .postProcessRequest(ActingAs.actor(actor).postProcessRequest(request));
    }

    static RequestPostProcessor device(String token) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

    long school(String code) {
        return jdbc.sql("select id from org_school where code = ?").param(code).query(Long.class).single();
    }

    long classroom(String school, String name) {
        return jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = ? and r.name = ?""").param(school).param(name).query(Long.class).single();
    }

    long grade(String school, String name) {
        return jdbc.sql("""
                select g.id from org_grade g join org_school s on s.id = g.school_id where s.code = ? and g.name = ?""")
                .param(school).param(name).query(Long.class).single();
    }

    JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    ResultActions postJson(String path, RequestPostProcessor who, Object request) throws Exception {
        return mvc.perform(post(path).with(who).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(request)));
    }

    /** Pairs a display in a classroom of 第一中学 as the display page and sadmin1 would, and returns its token. */
    String pairedDisplay(String classroomName, List<String> tags) throws Exception {
        JsonNode opened = body(mvc.perform(post("/api/display/v1/pairings").with(r -> {
            r.setRemoteAddr("10.9.0." + (classroomName.hashCode() & 0x7f));
            return r;
        })).andExpect(status().isCreated()));
        String code = opened.get("code").asString();
        String secret = opened.get("secret").asString();
        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");

        mvc.perform(post("/api/display/v1/pairings/poll").contentType(MediaType.APPLICATION_JSON)
                .content("{\"secret\":\"" + secret + "\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("waiting"));

        postJson("/api/v1/signage/pairings", by("sadmin1"),
                Map.of("code", code.toLowerCase(), "classroomId", classroom("S01", classroomName), "tags", tags))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.classroomName").value(classroomName));

        JsonNode paired = body(mvc.perform(post("/api/display/v1/pairings/poll").contentType(MediaType.APPLICATION_JSON)
                .content("{\"secret\":\"" + secret + "\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("paired")));
        mvc.perform(post("/api/display/v1/pairings/poll").contentType(MediaType.APPLICATION_JSON)
                .content("{\"secret\":\"" + secret + "\"}")).andExpect(status().isGone());
        return paired.get("token").asString();
    }

    long content(String who, Map<String, Object> request) throws Exception {
        return body(postJson("/api/v1/signage/contents", by(who), request).andExpect(status().isCreated()))
                .get("id").asLong();
    }

    long notice(String title) throws Exception {
        return content("sadmin1", Map.of("kind", "NOTICE", "title", title, "body", "<p>" + title + "</p>",
                "durationSeconds", 20));
    }

    void schedule(long contentId, String targets, String level) throws Exception {
        Map<String, Object> request = new HashMap<>();
        request.put("name", "排期 " + contentId);
        request.put("level", level);
        request.put("contentIds", List.of(contentId));
        request.put("targets", targets);
        request.put("startDate", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString());
        postJson("/api/v1/signage/schedules", by("sadmin1"), request).andExpect(status().isCreated());
    }

    List<Long> scheduledItems(String token) throws Exception {
        JsonNode state = body(mvc.perform(get("/api/display/v1/state").with(device(token))).andExpect(status().isOk()));
        return state.get("slots").valueStream().flatMap(s -> s.get("items").valueStream()).map(JsonNode::asLong)
                .distinct().toList();
    }

    @Test
    void aPairedDisplayKnowsItsClassroomAndKeepsItsToken() throws Exception {
        String token = pairedDisplay("201教室", List.of("三楼"));

        mvc.perform(get("/api/display/v1/state").with(device(token))).andExpect(status().isOk())
                .andExpect(jsonPath("$.display.classroomName").value("201教室"))
                .andExpect(jsonPath("$.display.schoolName").value("第一中学"))
                .andExpect(jsonPath("$.display.className").value("八年级1班"))
                .andExpect(jsonPath("$.serverTimeMs").isNumber());
        mvc.perform(get("/api/v1/audit").with(by("sadmin1")).param("action", "device.enrolled"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].target").value(
                        org.hamcrest.Matchers.startsWith("201教室")));
    }

    @Test
    void aWrongOrUsedPairingCodeIsRefusedAndPeopleCannotActAsADisplay() throws Exception {
        postJson("/api/v1/signage/pairings", by("sadmin1"),
                Map.of("code", "2222-2222", "classroomId", classroom("S01", "202教室")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/pairing-code-invalid"));
        mvc.perform(post("/api/display/v1/pairings/poll").contentType(MediaType.APPLICATION_JSON)
                .content("{\"secret\":\"nope\"}")).andExpect(status().isGone());
        mvc.perform(get("/api/display/v1/state")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/display/v1/state").with(by("sadmin1"))).andExpect(status().isForbidden());
        postJson("/api/v1/signage/contents", by("t1"), Map.of("kind", "NOTICE", "title", "x", "body", "x"))
                .andExpect(status().isForbidden());
    }

    @Test
    void pairingCodesCannotBeOpenedWithoutLimit() throws Exception {
        int created = 0;
        int refused = 0;
        for (int i = 0; i < 15; i++) {
            int code = mvc.perform(post("/api/display/v1/pairings").with(r -> {
                r.setRemoteAddr("10.99.99.99");
                return r;
            })).andReturn().getResponse().getStatus();
            if (code == 201) {
                created++;
            } else if (code == 429) {
                refused++;
            }
        }
        assertThat(created).isEqualTo(10);
        assertThat(refused).isEqualTo(5);
    }

    @Test
    void aGrade8ScreenDoesNotGetGrade7ContentButGetsItsOwn() throws Exception {
        String grade8 = pairedDisplay("202教室", List.of());
        long forSeventh = notice("七年级通知");
        long forEighth = notice("八年级通知");
        long tagged = notice("三楼通知");
        schedule(forSeventh, "grade:" + grade("S01", "七年级"), "DEFAULT");
        schedule(forEighth, "grade:" + grade("S01", "八年级"), "DEFAULT");
        schedule(tagged, "tag:不存在的楼层", "DEFAULT");

        assertThat(scheduledItems(grade8)).contains(forEighth).doesNotContain(forSeventh, tagged);
    }

    @Test
    void anotherSchoolsAdminCannotSeeOrTargetThisSchoolsScreens() throws Exception {
        String token = pairedDisplay("301教室", List.of());
        long deviceId = body(mvc.perform(get("/api/display/v1/state").with(device(token)))).get("display")
                .get("deviceId").asLong();
        mvc.perform(get("/api/v1/signage/displays/" + deviceId + "/timeline").with(by("sadmin2")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/signage/displays").with(by("sadmin2")).param("schoolId", String.valueOf(school("S01"))))
                .andExpect(status().isForbidden());
        long theirs = content("sadmin2", Map.of("kind", "NOTICE", "title", "实验中学通知", "body", "x"));
        Map<String, Object> push = Map.of("level", "EMERGENCY", "contentIds", List.of(theirs),
                "targets", "display:" + deviceId, "minutes", 5);
        postJson("/api/v1/signage/pushes", by("sadmin2"), push).andExpect(status().isCreated());
        JsonNode state = body(mvc.perform(get("/api/display/v1/state").with(device(token))));
        assertThat(state.get("pushes").valueStream().map(p -> p.get("items").get(0).asLong()).toList())
                .doesNotContain(theirs);
        postJson("/api/v1/signage/schedules", by("sadmin1"), Map.of("name", "x", "contentIds", List.of(theirs),
                "startDate", "2026-01-01")).andExpect(status().isBadRequest());
    }

    @Test
    void aPushReachesItsScreensUntilCancelledAndTheConsoleShowsWhatPlays() throws Exception {
        String token = pairedDisplay("302教室", List.of("一楼"));
        long deviceId = body(mvc.perform(get("/api/display/v1/state").with(device(token)))).get("display")
                .get("deviceId").asLong();
        long alarm = notice("紧急疏散");
        JsonNode push = body(postJson("/api/v1/signage/pushes", by("sadmin1"),
                Map.of("level", "EMERGENCY", "contentIds", List.of(alarm), "targets", "tag:一楼"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.active").value(true)));

        mvc.perform(get("/api/display/v1/state").with(device(token))).andExpect(status().isOk())
                .andExpect(jsonPath("$.pushes[0].id").value(push.get("id").asLong()))
                .andExpect(jsonPath("$.pushes[0].level").value("EMERGENCY"))
                .andExpect(jsonPath("$.items['" + alarm + "'].title").value("紧急疏散"));
        mvc.perform(get("/api/v1/signage/displays/" + deviceId + "/timeline").with(by("sadmin1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.slots[?(@.source == 'push')].items[0].title").value(
                        org.hamcrest.Matchers.hasItem("紧急疏散")));

        postJson("/api/display/v1/reports", device(token), Map.of("nowPlaying",
                Map.of("contentId", alarm, "title", "紧急疏散", "sinceMs", System.currentTimeMillis()), "plays",
                List.of(Map.of("contentId", alarm, "startedAtMs", System.currentTimeMillis() - 5000, "endedAtMs",
                        System.currentTimeMillis(), "outcome", "PLAYED")), "clockOffsetMs", 12))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/signage/displays").with(by("sadmin1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.deviceId == " + deviceId + ")].online").value(org.hamcrest.Matchers.hasItem(true)))
                .andExpect(jsonPath("$[?(@.deviceId == " + deviceId + ")].nowPlaying")
                        .value(org.hamcrest.Matchers.hasItem("紧急疏散")))
                .andExpect(jsonPath("$[?(@.deviceId == " + deviceId + ")].tags[0]").value(org.hamcrest.Matchers.hasItem("一楼")));
        mvc.perform(get("/api/v1/signage/displays/" + deviceId + "/plays").with(by("sadmin1")))
                .andExpect(jsonPath("$[0].contentId").value(alarm)).andExpect(jsonPath("$[0].outcome").value("PLAYED"));

        mvc.perform(post("/api/v1/signage/pushes/" + push.get("id").asLong() + "/cancel").with(by("sadmin1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.active").value(false));
        JsonNode after = body(mvc.perform(get("/api/display/v1/state").with(device(token))));
        assertThat(after.get("pushes").valueStream().map(p -> p.get("id").asLong()).toList())
                .doesNotContain(push.get("id").asLong());
        mvc.perform(get("/api/v1/audit").with(by("sadmin1")).param("action", "signage.pushed"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[0].target").value("push #" + push.get("id").asLong()));
    }

    @Test
    void contentAndSchedulesAreValidatedWithReasons() throws Exception {
        postJson("/api/v1/signage/contents", by("sadmin1"), Map.of("kind", "VIDEO", "title", "x", "url", "javascript:alert(1)"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detailEn").value("url must start with http(s):// or /"));
        postJson("/api/v1/signage/contents", by("sadmin1"), Map.of("kind", "POSTER", "title", "x"))
                .andExpect(status().isBadRequest());
        long id = notice("校园新闻");
        postJson("/api/v1/signage/schedules", by("sadmin1"), Map.of("name", "x", "contentIds", List.of(id),
                "startDate", "2026-01-01", "targets", "floor:3")).andExpect(status().isBadRequest());
        postJson("/api/v1/signage/schedules", by("sadmin1"), Map.of("name", "x", "contentIds", List.of(id),
                "startDate", "2026-01-01", "weekdays", List.of(8))).andExpect(status().isBadRequest());
        mvc.perform(put("/api/v1/signage/contents/" + id).with(by("sadmin2")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"NOTICE\",\"title\":\"x\",\"body\":\"x\"}")).andExpect(status().isNotFound());
    }
}
