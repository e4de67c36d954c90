package org.ketang.platform.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.RecordingFacts;
import org.ketang.platform.library.UploadFacts;
import org.ketang.platform.live.internal.Broadcasts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Observation on the demo district: the researcher r1 observes 数学 (seeded), principal1 observes every subject of
 * 第一中学, the district admin defines rubrics. Lessons are uploads classified by hand and made watchable, or a live
 * class pushed by a recorder that later becomes a lesson.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class ObservationApiTests {

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired LessonIntake intake;
    @Autowired Broadcasts broadcasts;

    @BeforeEach
    void nothingIsLive() {
        broadcasts.sweep(Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void aMathResearcherCommentsOnMathButNotOnChinese() throws Exception {
        long math = lesson("数学");
        long chinese = lesson("语文");

        JsonNode mathView = open("r1", "/lessons/" + math).andExpect(status().isOk())
                .andExpect(jsonPath("$.canComment").value(true)).andExpect(jsonPath("$.subjectName").value("数学"))
                .andExpect(jsonPath("$.teacherName").isNotEmpty()).andReturn().getResponse().getContentAsString()
                .transform(this::tree);
        comment("r1", mathView.get("id").asLong(), "{\"body\":\"导入自然，例题选得好\",\"offsetMs\":65000}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.offsetMs").value(65000))
                .andExpect(jsonPath("$.authorName").value("r1"));

        // the researcher may read the 语文 lesson, but not comment on it or score it
        long chineseId = open("r1", "/lessons/" + chinese).andExpect(status().isOk())
                .andExpect(jsonPath("$.canComment").value(false)).andReturn().getResponse().getContentAsString()
                .transform(this::tree).get("id").asLong();
        comment("r1", chineseId, "{\"body\":\"不该出现\",\"offsetMs\":1000}").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/not-your-subject")));
        long rubric = rubric("课堂教学评价表");
        mvc.perform(put("/api/v1/observation/" + chineseId + "/scorecard").with(by("r1"))
                .contentType(MediaType.APPLICATION_JSON).content(fullMarks(rubric))).andExpect(status().isForbidden());
        // the principal observes every subject of the school
        comment("principal1", chineseId, "{\"body\":\"朗读指导到位\",\"offsetMs\":3000}").andExpect(status().isCreated());
        // others see nothing: no OBSERVE (a teacher) or another school's lessons are out of reach
        open("t1", "/lessons/" + math).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/observation/" + chineseId).with(by("sadmin2"))).andExpect(status().isForbidden());
        comment("r1", mathView.get("id").asLong(), "{\"body\":\"  \",\"offsetMs\":1}").andExpect(status().isBadRequest());
        comment("r1", mathView.get("id").asLong(), "{\"body\":\"没有时间\"}").andExpect(status().isBadRequest());
    }

    @Test
    void rubricsScoreWeightedTotalsAndFreezeOnceUsed() throws Exception {
        mvc.perform(post("/api/v1/rubrics").with(by("r1")).contentType(MediaType.APPLICATION_JSON)
                .content(rubricBody("偷偷改的", 1))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/rubrics").with(by("admin")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"空\",\"criteria\":[]}")).andExpect(status().isBadRequest());
        long rubric = rubric("听课评价表");
        // unused: edited in place
        mvc.perform(put("/api/v1/rubrics/" + rubric).with(by("admin")).contentType(MediaType.APPLICATION_JSON)
                .content(rubricBody("听课评价表", 2))).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(rubric)).andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.criteria[0].weight").value(2));
        // weights 2 (max 10) and 1 (max 5): 8/10 and 5/5 → (2×0.8 + 1×1.0) / 3 = 86.67
        long lesson = lesson("数学");
        long observed = open("r1", "/lessons/" + lesson).andReturn().getResponse().getContentAsString()
                .transform(this::tree).get("id").asLong();
        JsonNode criteria = tree(mvc.perform(get("/api/v1/rubrics/" + rubric).with(by("r1"))).andReturn().getResponse()
                .getContentAsString()).get("criteria");
        String scores = "{\"rubricId\":" + rubric + ",\"scores\":[{\"criterionId\":" + criteria.get(0).get("id")
                + ",\"score\":8},{\"criterionId\":" + criteria.get(1).get("id") + ",\"score\":5}]}";
        mvc.perform(put("/api/v1/observation/" + observed + "/scorecard").with(by("r1"))
                .contentType(MediaType.APPLICATION_JSON).content(scores)).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(86.67));
        String tooHigh = scores.replace("\"score\":8", "\"score\":11");
        mvc.perform(put("/api/v1/observation/" + observed + "/scorecard").with(by("r1"))
                .contentType(MediaType.APPLICATION_JSON).content(tooHigh)).andExpect(status().isBadRequest());
        // principal1 gives full marks: the lesson averages (86.67 + 100) / 2
        mvc.perform(put("/api/v1/observation/" + observed + "/scorecard").with(by("principal1"))
                .contentType(MediaType.APPLICATION_JSON).content(fullMarks(rubric))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(100.0));
        mvc.perform(get("/api/v1/observation/" + observed).with(by("r1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.scorecards.length()").value(2)).andExpect(jsonPath("$.average").value(93.34));

        // used: a revision is version 2 with a new id; version 1 is retired and keeps its totals
        JsonNode revised = tree(mvc.perform(put("/api/v1/rubrics/" + rubric).with(by("admin"))
                .contentType(MediaType.APPLICATION_JSON).content(rubricBody("听课评价表", 3))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(revised.get("id").asLong()).isNotEqualTo(rubric);
        assertThat(revised.get("version").asInt()).isEqualTo(2);
        mvc.perform(get("/api/v1/rubrics/" + rubric).with(by("r1"))).andExpect(jsonPath("$.retired").value(true))
                .andExpect(jsonPath("$.criteria[0].weight").value(2));
        mvc.perform(get("/api/v1/observation/" + observed).with(by("r1"))).andExpect(jsonPath("$.average").value(93.34));
        long other = open("r1", "/lessons/" + lesson("数学")).andReturn().getResponse().getContentAsString()
                .transform(this::tree).get("id").asLong();
        mvc.perform(put("/api/v1/observation/" + other + "/scorecard").with(by("r1"))
                .contentType(MediaType.APPLICATION_JSON).content(scores)).andExpect(status().isConflict());

        // per teacher: t1 (王芳) teaches the 数学 lessons
        String today = LocalDate.now().toString();
        mvc.perform(get("/api/v1/observation/reports/teachers?from=" + LocalDate.now().minusDays(400) + "&to="
                + LocalDate.now().minusDays(399)).with(by("r1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        String report = mvc.perform(get("/api/v1/observation/reports/teachers?from=" + LocalDate.now().minusDays(7)
                + "&to=" + LocalDate.now().plusDays(1)).with(by("principal1"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("王芳");
        mvc.perform(get("/api/v1/observation/reports/lessons?from=" + today + "&to=" + today + "&schoolId="
                + school("S02")).with(by("principal1"))).andExpect(status().isForbidden());
    }

    @Test
    void liveCommentsReachTheRecordingsTimeline() throws Exception {
        long room = jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = 'S01' and r.name = '录播教室2'""").query(Long.class).single();
        String recorder = recorder(room);
        mvc.perform(post("/api/v1/observation/live/" + room).with(by("principal1"))).andExpect(status().isConflict());
        push(recorder, "index0.ts", new byte[188]);
        push(recorder, "index.m3u8", ("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:1.0,\nindex0.ts\n").getBytes(StandardCharsets.UTF_8));

        JsonNode live = tree(open("principal1", "/live/" + room).andExpect(status().isOk())
                .andExpect(jsonPath("$.live").value(true)).andReturn().getResponse().getContentAsString());
        long observed = live.get("id").asLong();
        // a second observer opens the same observation
        open("principal1", "/live/" + room).andExpect(jsonPath("$.id").value(observed));
        comment("principal1", observed, "{\"body\":\"板书清楚\",\"latencyMs\":2000}").andExpect(status().isCreated());
        long offset = tree(mvc.perform(get("/api/v1/observation/" + observed).with(by("principal1"))).andReturn()
                .getResponse().getContentAsString()).get("comments").get(0).get("offsetMs").asLong();

        // the recording started 3 s before the live class: the comment sits 3 s later on the lesson's timeline
        Instant started = jdbc.sql("select max(started_at) from live_session where classroom_id = ?").param(room)
                .query(OffsetDateTime.class).single().toInstant();
        long device = jdbc.sql("select id from dev_device where classroom_id = ? and kind = 'RECORDER' and retired_at is null")
                .param(room).query(Long.class).single();
        long lesson = intake.fromRecording(new RecordingFacts(device, room, started.minusSeconds(3)));
        watchable(lesson);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select lesson_id from obs_lesson where id = ?")
                .param(observed).query(Long.class).optional().filter(id -> id == lesson).isPresent());
        mvc.perform(post("/api/v1/observation/lessons/" + lesson).with(by("principal1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(observed)).andExpect(jsonPath("$.live").value(false))
                .andExpect(jsonPath("$.lessonId").value(lesson))
                .andExpect(jsonPath("$.comments[0].body").value("板书清楚"))
                .andExpect(jsonPath("$.comments[0].offsetMs").value(offset + 3000));
        // the context is shared with the live module's tests: a recording left in the room would become their lesson
        jdbc.sql("update lib_lesson set deleted_at = current_timestamp where id = ?").param(lesson).update();
    }

    // ------------------------------------------------------------------ helpers

    JsonNode tree(String body) {
        return json.readTree(body);
    }

    RequestPostProcessor by(String username) {
        return ActingAs.user(accounts, username);
    }

    ResultActions open(String user, String what) throws Exception {
        return mvc.perform(post("/api/v1/observation" + what).with(by(user)));
    }

    ResultActions comment(String user, long observed, String body) throws Exception {
        return mvc.perform(post("/api/v1/observation/" + observed + "/comments").with(by(user))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    long school(String code) {
        return jdbc.sql("select id from org_school where code = ?").param(code).query(Long.class).single();
    }

    /** A watchable upload of t1's class 七年级1班 of 第一中学 in {@code subject}. */
    long lesson(String subject) {
        long t1 = accounts.findByUsername("t1").orElseThrow().id();
        long classId = jdbc.sql("""
                select c.id from org_class c join org_grade g on g.id = c.grade_id join org_school s on s.id = c.school_id
                 where s.code = 'S01' and g.name = '七年级' and c.name = '1班'""").query(Long.class).single();
        long subjectId = jdbc.sql("select id from org_subject where name = ?").param(subject).query(Long.class).single();
        long id = intake.fromUpload(new UploadFacts(UUID.randomUUID().toString(), t1, subject + ".mp4", Instant.now(),
                subject + "课", classId, subjectId, LocalDate.now(), 2));
        watchable(id);
        return id;
    }

    void watchable(long lessonId) {
        jdbc.sql("update lib_lesson set status = 'READY', visibility = 'SCHOOL' where id = ?").param(lessonId).update();
    }

    long rubric(String name) throws Exception {
        return tree(mvc.perform(post("/api/v1/rubrics").with(by("admin")).contentType(MediaType.APPLICATION_JSON)
                .content(rubricBody(name, 1))).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString()).get("id").asLong();
    }

    static String rubricBody(String name, int firstWeight) {
        return "{\"name\":\"" + name + "\",\"description\":\"\",\"criteria\":[{\"name\":\"教学目标\",\"description\":\"\","
                + "\"weight\":" + firstWeight + ",\"maxScore\":10},{\"name\":\"课堂互动\",\"weight\":1,\"maxScore\":5}]}";
    }

    String fullMarks(long rubric) throws Exception {
        JsonNode criteria = tree(mvc.perform(get("/api/v1/rubrics/" + rubric).with(by("admin"))).andReturn().getResponse()
                .getContentAsString()).get("criteria");
        StringBuilder body = new StringBuilder("{\"rubricId\":" + rubric + ",\"scores\":[");
        for (int i = 0; i < criteria.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"criterionId\":").append(criteria.get(i).get("id"))
                    .append(",\"score\":").append(criteria.get(i).get("maxScore")).append('}');
        }
        return body.append("]}").toString();
    }

    String recorder(long room) throws Exception {
        String code = tree(mvc.perform(post("/api/v1/devices/enrollment-codes").with(by("sadmin1"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("classroomId", room, "kind", "recorder"))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("code").asString();
        return tree(mvc.perform(post(AgentApi.ENROLL).contentType(MediaType.APPLICATION_JSON).content(json
                .writeValueAsString(Map.of("code", code, "kind", "recorder", "hostname", "box", "agentVersion", "0.1.0"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("token").asString();
    }

    void push(String token, String file, byte[] body) throws Exception {
        mvc.perform(put(AgentApi.LIVE, file).header("Authorization", "Bearer " + token).content(body))
                .andExpect(status().isNoContent());
    }

}
