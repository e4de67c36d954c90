package org.ketang.platform.contests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.UploadFacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A district contest on the demo district: t1 (王芳, 第一中学) and t2 (赵敏, 实验中学) submit 数学 lessons; judge1
 * (第一中学), judge2 (实验中学) and the researcher r1 judge them; the winner goes on to the district round and both
 * winners reach the showcase.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class ContestsApiTests {

    /** What a blind judge must never read. */
    static final List<String> REVEALING = List.of("王芳", "赵敏", "第一中学", "实验中学", "wang-fang-design");

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired LessonIntake intake;

    /** Every judge-reachable response of the blind contest, to be searched for the teacher and the school. */
    final List<String> judgeSaw = new ArrayList<>();

    @Test
    void aTwoRoundContestFromSubmissionsToTheShowcase() throws Exception {
        long math = subject("数学");
        long contest = createContest(true, math);
        JsonNode c = read(call("admin", get("/api/v1/contests/" + contest)).andExpect(status().isOk()));
        long round1 = c.get("rounds").get(0).get("id").asLong();
        long round2 = c.get("rounds").get(1).get("id").asLong();
        // the rubric is frozen once a contest uses it
        assertThat(jdbc.sql("select used from obs_rubric where id = ?").param(rubric()).query(Boolean.class).single())
                .isTrue();
        // only organisers: a teacher cannot create one, a school admin does not see the district's contest
        call("t1", post("/api/v1/contests").contentType(MediaType.APPLICATION_JSON).content(contestBody(true, math)))
                .andExpect(status().isForbidden());
        call("sadmin1", get("/api/v1/contests/" + contest)).andExpect(status().isNotFound());

        // submissions: the lesson must be the teacher's own, READY and eligible; one per teacher
        long wang = lesson("t1", "数学", "函数的图像");
        long wangChinese = lesson("t1", "语文", "春");
        long zhao = lesson("t2", "数学", "一元一次方程");
        long unready = lesson("t1", "数学", "还在转码");
        jdbc.sql("update lib_lesson set status = 'PROCESSING' where id = ?").param(unready).update();
        call("t1", get("/api/v1/contests/open")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + contest + ")]").exists());
        submit("t1", contest, wangChinese, List.of()).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(endsWith("/not-eligible")));
        submit("t1", contest, zhao, List.of()).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value(endsWith("/not-your-ready-lesson")));
        submit("t1", contest, unready, List.of()).andExpect(status().isUnprocessableContent());
        String design = attachment("t1", "wang-fang-design.pdf", "%PDF-1.4 教学设计");
        JsonNode mine = read(submit("t1", contest, wang, List.of(Map.of("uploadId", design, "kind", "DESIGN")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.attachments[0].filename")
                        .value("wang-fang-design.pdf")));
        long designId = mine.get("attachments").get(0).get("id").asLong();
        submit("t1", contest, lesson("t1", "数学", "第二节课"), List.of()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(endsWith("/entry-limit")));
        submit("t2", contest, zhao, List.of()).andExpect(status().isCreated());

        // judges: a judge never scores an entry from their own school
        call("admin", put("/api/v1/contests/rounds/" + round1 + "/judges").contentType(MediaType.APPLICATION_JSON)
                .content("{\"subjectId\":" + math + ",\"usernames\":[\"judge1\",\"judge2\",\"r1\"]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(3));
        JsonNode entries = read(call("admin", get("/api/v1/contests/rounds/" + round1 + "/entries")));
        long wangEntry = entryOf(entries, wang);
        long zhaoEntry = entryOf(entries, zhao);
        call("admin", put("/api/v1/contests/entries/" + wangEntry + "/judges/" + id("judge1")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value(endsWith("/conflict-of-interest")));
        call("admin", put("/api/v1/contests/entries/" + wangEntry + "/judges/" + id("t2")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(endsWith("/not-a-judge")));
        call("admin", put("/api/v1/contests/entries/" + wangEntry + "/judges/" + id("judge2")))
                .andExpect(status().isOk());
        call("admin", post("/api/v1/contests/rounds/" + round1 + "/assign")).andExpect(status().isOk())
                .andExpect(jsonPath("$.shortOfJudges.length()").value(0));
        entries = read(call("admin", get("/api/v1/contests/rounds/" + round1 + "/entries")));
        assertThat(judgesOf(entries, wangEntry)).containsExactlyInAnyOrder(id("judge2"), id("r1"));
        assertThat(judgesOf(entries, zhaoEntry)).containsExactlyInAnyOrder(id("judge1"), id("r1"));

        // the organiser reassigns: r1 leaves 赵敏's entry, judge1's task there moves to r1, judge1 comes back
        long r1OnZhao = assignment(entries, zhaoEntry, id("r1"));
        call("admin", delete("/api/v1/contests/assignments/" + r1OnZhao)).andExpect(status().isNoContent());
        call("r1", get("/api/v1/judging/" + r1OnZhao)).andExpect(status().isNotFound());
        long judge1OnZhao = assignment(entries, zhaoEntry, id("judge1"));
        call("admin", post("/api/v1/contests/assignments/" + judge1OnZhao + "/reassign")
                .contentType(MediaType.APPLICATION_JSON).content("{\"judgeUserId\":" + id("judge2") + "}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value(endsWith("/conflict-of-interest")));
        call("admin", post("/api/v1/contests/assignments/" + judge1OnZhao + "/reassign")
                .contentType(MediaType.APPLICATION_JSON).content("{\"judgeUserId\":" + id("r1") + "}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.judgeUserId").value(id("r1")));
        call("admin", put("/api/v1/contests/entries/" + zhaoEntry + "/judges/" + id("judge1"))).andExpect(status().isOk());

        // scoring waits for the round to be judged
        long judge2OnWang = task("judge2", wangEntry);
        judgeCall("judge2", put("/api/v1/judging/" + judge2OnWang + "/scorecard")
                .contentType(MediaType.APPLICATION_JSON).content(scores(10, true))).andExpect(status().isConflict());
        call("admin", post("/api/v1/contests/rounds/" + round1 + "/start")).andExpect(status().isOk());

        // the judge plays the PRIVATE lesson through the contest's grant, not through the library's lesson pages
        judgeCall("judge2", get("/api/v1/judging/" + judge2OnWang + "/playback")).andExpect(status().isOk())
                .andExpect(jsonPath("$.hlsUrl").value(endsWith("master.m3u8")));
        call("judge2", get("/api/v1/lessons/" + wang)).andExpect(status().isNotFound());
        call("judge2", get("/api/v1/lessons/" + wang + "/playback")).andExpect(status().isNotFound());
        judgeCall("judge2", get("/api/v1/judging/" + judge2OnWang)).andExpect(status().isOk())
                .andExpect(jsonPath("$.task.blind").value(true)).andExpect(jsonPath("$.canScore").value(true))
                .andExpect(jsonPath("$.attachments[0].filename").value(endsWith(".pdf")));
        MockHttpServletResponse file = judgeCall("judge2", get("/api/v1/contests/attachments/" + designId))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(file.getContentAsString(StandardCharsets.UTF_8)).contains("教学设计");
        call("judge1", get("/api/v1/contests/attachments/" + designId)).andExpect(status().isNotFound());
        judgeCall("judge2", post("/api/v1/judging/" + judge2OnWang + "/comments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"offsetMs\":65000,\"body\":\"导入自然，例题选得好\",\"published\":true}"))
                .andExpect(status().isCreated());
        judgeCall("judge2", post("/api/v1/judging/" + judge2OnWang + "/comments").contentType(MediaType.APPLICATION_JSON)
                .content("{\"offsetMs\":120000,\"body\":\"板书可以更工整\",\"published\":false}"))
                .andExpect(status().isCreated());
        judgeCall("judge2", put("/api/v1/judging/" + judge2OnWang + "/scorecard").contentType(MediaType.APPLICATION_JSON)
                .content(scores(11, true))).andExpect(status().isBadRequest());
        judgeCall("judge2", put("/api/v1/judging/" + judge2OnWang + "/scorecard").contentType(MediaType.APPLICATION_JSON)
                .content(scores(10, true))).andExpect(status().isOk()).andExpect(jsonPath("$.total").value(100.0));
        judgeCall("r1", put("/api/v1/judging/" + task("r1", wangEntry) + "/scorecard")
                .contentType(MediaType.APPLICATION_JSON).content(scores(8, true))).andExpect(status().isOk());
        judgeCall("judge1", put("/api/v1/judging/" + task("judge1", zhaoEntry) + "/scorecard")
                .contentType(MediaType.APPLICATION_JSON).content(scores(5, true))).andExpect(status().isOk());
        // r1 saves but has not handed in yet: the organiser sees it in the progress
        judgeCall("r1", put("/api/v1/judging/" + task("r1", zhaoEntry) + "/scorecard")
                .contentType(MediaType.APPLICATION_JSON).content(scores(6, false))).andExpect(status().isOk());
        JsonNode progress = read(call("admin", get("/api/v1/contests/rounds/" + round1 + "/progress")));
        JsonNode r1Progress = find(progress, "userId", id("r1"));
        assertThat(r1Progress.get("assigned").asInt()).isEqualTo(2);
        assertThat(r1Progress.get("scored").asInt()).isEqualTo(2);
        assertThat(r1Progress.get("handedIn").asInt()).isEqualTo(1);
        // a handed-in task cannot move to another judge
        call("admin", post("/api/v1/contests/assignments/" + judge2OnWang + "/reassign")
                .contentType(MediaType.APPLICATION_JSON).content("{\"judgeUserId\":" + id("r1") + "}"))
                .andExpect(status().isConflict());
        judgeCall("r1", put("/api/v1/judging/" + task("r1", zhaoEntry) + "/scorecard")
                .contentType(MediaType.APPLICATION_JSON).content(scores(6, true))).andExpect(status().isOk());
        for (String judge : List.of("judge1", "judge2", "r1")) {
            judgeCall(judge, get("/api/v1/judging")).andExpect(status().isOk());
            judgeCall(judge, get("/api/v1/rubrics/" + rubric())).andExpect(status().isOk());
            judgeCall(judge, get("/api/v1/showcase")).andExpect(status().isOk());
            // the organiser's pages are out of a judge's reach
            call(judge, get("/api/v1/contests/rounds/" + round1 + "/entries")).andExpect(status().isForbidden());
            call(judge, get("/api/v1/contests/" + contest)).andExpect(status().isForbidden());
        }

        // results: 王芳 (100 + 80) / 2 = 90, 赵敏 (50 + 60) / 2 = 55; the top half 一等奖, the rest 二等奖
        call("admin", post("/api/v1/contests/rounds/" + round1 + "/awards").contentType(MediaType.APPLICATION_JSON)
                .content("{\"first\":50,\"second\":50,\"third\":0}")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].subjectName").value("数学"))
                .andExpect(jsonPath("$[0].lines[0].average").value(90.0))
                .andExpect(jsonPath("$[0].lines[0].rank").value(1))
                .andExpect(jsonPath("$[0].lines[0].entry.award").value("FIRST"))
                .andExpect(jsonPath("$[0].lines[1].average").value(55.0))
                .andExpect(jsonPath("$[0].lines[1].entry.award").value("SECOND"));
        call("admin", post("/api/v1/contests/rounds/" + round1 + "/promote").contentType(MediaType.APPLICATION_JSON)
                .content("{\"atLeast\":\"FIRST\"}")).andExpect(status().isConflict());
        call("admin", post("/api/v1/contests/rounds/" + round1 + "/publish")).andExpect(status().isOk());
        call("admin", post("/api/v1/contests/rounds/" + round1 + "/promote").contentType(MediaType.APPLICATION_JSON)
                .content("{\"atLeast\":\"FIRST\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.promoted").value(1));
        call("admin", post("/api/v1/contests/rounds/" + round1 + "/promote").contentType(MediaType.APPLICATION_JSON)
                .content("{\"atLeast\":\"FIRST\"}")).andExpect(jsonPath("$.promoted").value(0));

        // the district round: only 王芳's lesson, judged by judge2 and r1, awarded by hand
        JsonNode second = read(call("admin", get("/api/v1/contests/rounds/" + round2 + "/entries")));
        assertThat(second.size()).isEqualTo(1);
        long wangEntry2 = entryOf(second, wang);
        call("admin", put("/api/v1/contests/rounds/" + round2 + "/judges").contentType(MediaType.APPLICATION_JSON)
                .content("{\"subjectId\":" + math + ",\"usernames\":[\"judge1\",\"judge2\",\"r1\"]}"))
                .andExpect(status().isOk());
        call("admin", post("/api/v1/contests/rounds/" + round2 + "/assign")).andExpect(status().isOk());
        assertThat(judgesOf(read(call("admin", get("/api/v1/contests/rounds/" + round2 + "/entries"))), wangEntry2))
                .containsExactlyInAnyOrder(id("judge2"), id("r1"));
        call("admin", post("/api/v1/contests/rounds/" + round2 + "/start")).andExpect(status().isOk());
        judgeCall("judge2", put("/api/v1/judging/" + task("judge2", wangEntry2) + "/scorecard")
                .contentType(MediaType.APPLICATION_JSON).content(scores(9, true))).andExpect(status().isOk());
        judgeCall("r1", put("/api/v1/judging/" + task("r1", wangEntry2) + "/scorecard")
                .contentType(MediaType.APPLICATION_JSON).content(scores(7, true))).andExpect(status().isOk());
        judgeCall("r1", post("/api/v1/judging/" + task("r1", wangEntry2) + "/comments")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"offsetMs\":30000,\"body\":\"小组合作有实效\",\"published\":true}")).andExpect(status().isCreated());
        for (String judge : List.of("judge1", "judge2", "r1")) {
            judgeCall(judge, get("/api/v1/judging")).andExpect(status().isOk());
        }
        call("admin", put("/api/v1/contests/entries/" + wangEntry2 + "/award").contentType(MediaType.APPLICATION_JSON)
                .content("{\"award\":\"SECOND\"}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.awardByHand").value(true));
        // a rule afterwards leaves the organiser's choice alone
        call("admin", post("/api/v1/contests/rounds/" + round2 + "/awards").contentType(MediaType.APPLICATION_JSON)
                .content("{\"first\":100,\"second\":0,\"third\":0}")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].lines[0].average").value(80.0))
                .andExpect(jsonPath("$[0].lines[0].entry.award").value("SECOND"));
        call("admin", post("/api/v1/contests/rounds/" + round2 + "/publish")).andExpect(status().isOk());
        judgeCall("r1", post("/api/v1/judging/" + task("r1", wangEntry2) + "/comments")
                .contentType(MediaType.APPLICATION_JSON).content("{\"offsetMs\":1,\"body\":\"晚了\",\"published\":true}"))
                .andExpect(status().isConflict());

        // in blind mode no answer a judge could reach named the teacher or the school
        assertThat(judgeSaw).hasSizeGreaterThan(20);
        for (String body : judgeSaw) {
            for (String secret : REVEALING) {
                assertThat(body).as("a judge's answer").doesNotContain(secret);
            }
        }

        // the showcase: public, so a parent sees both awarded lessons, with the judges' published comments only
        JsonNode shown = read(call("p1", get("/api/v1/showcase?subjectId=" + math)).andExpect(status().isOk()));
        List<JsonNode> ours = new ArrayList<>();
        shown.forEach(s -> {
            if (s.get("contestId").asLong() == contest) {
                ours.add(s);
            }
        });
        assertThat(ours).extracting(s -> s.get("teacherName").asString() + " " + s.get("award").asString() + " "
                + s.get("roundName").asString()).containsExactlyInAnyOrder("王芳 FIRST 校级初评", "赵敏 SECOND 校级初评",
                        "王芳 SECOND 区级复评");
        JsonNode wangShown = ours.stream().filter(s -> s.get("roundName").asString().equals("校级初评")
                && s.get("lessonId").asLong() == wang).findFirst().orElseThrow();
        assertThat(wangShown.get("comments").size()).isEqualTo(1);
        assertThat(wangShown.get("comments").get(0).get("body").asString()).isEqualTo("导入自然，例题选得好");
        assertThat(jdbc.sql("select visibility from lib_lesson where id = ?").param(wang).query(String.class).single())
                .isEqualTo("PUBLIC");
        call("p1", get("/api/v1/lessons/" + wang)).andExpect(status().isOk());

        // the teacher sees the published awards of each round
        call("t1", get("/api/v1/contests/submissions/mine")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.contestId == " + contest + ")].rounds[0].award").value("FIRST"))
                .andExpect(jsonPath("$[?(@.contestId == " + contest + ")].rounds[1].award").value("SECOND"));
    }

    @Test
    void teachersWithdrawOnlyWithinTheWindowAndJudgesNeedThePermission() throws Exception {
        long math = subject("数学");
        long contest = createContest(false, math);
        long lesson = lesson("t2", "数学", "撤回的课");
        long submission = read(submit("t2", contest, lesson, List.of()).andExpect(status().isCreated())).get("id").asLong();
        call("t1", delete("/api/v1/contests/submissions/" + submission)).andExpect(status().isNotFound());
        call("t2", delete("/api/v1/contests/submissions/" + submission)).andExpect(status().isNoContent());
        submit("t2", contest, lesson, List.of()).andExpect(status().isCreated());
        jdbc.sql("update ctst_contest set submit_closes_at = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), contest).update();
        submit("t1", contest, lesson("t1", "数学", "迟到的课"), List.of()).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(endsWith("/window-closed")));
        call("t1", get("/api/v1/judging")).andExpect(status().isForbidden());
        call("admin", put("/api/v1/contests/" + contest).contentType(MediaType.APPLICATION_JSON)
                .content(contestBody(false, math).replace("校级初评", "改名"))).andExpect(status().isConflict());
    }

    // ------------------------------------------------------------------ helpers

    long createContest(boolean blind, long math) throws Exception {
        return read(call("admin", post("/api/v1/contests").contentType(MediaType.APPLICATION_JSON)
                .content(contestBody(blind, math))).andExpect(status().isCreated())).get("id").asLong();
    }

    String contestBody(boolean blind, long math) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return "{\"name\":\"一师一优课\",\"description\":\"区级评选\",\"rubricId\":" + rubric() + ",\"blind\":" + blind
                + ",\"entriesPerTeacher\":1,\"judgesPerEntry\":2,\"dropExtremes\":true,\"submitOpensAt\":\""
                + now.minusSeconds(3600) + "\",\"submitClosesAt\":\"" + now.plusSeconds(86400)
                + "\",\"showcase\":\"PUBLIC\",\"subjectIds\":[" + math + "],\"rounds\":[\"校级初评\",\"区级复评\"]}";
    }

    ResultActions submit(String user, long contest, long lesson, List<Map<String, String>> attachments) throws Exception {
        return call(user, post("/api/v1/contests/" + contest + "/submissions").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("lessonId", lesson, "attachments", attachments))));
    }

    /** A completed tus upload of {@code content} by {@code user}, for a contest attachment. */
    String attachment(String user, String filename, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String metadata = "filename " + b64(filename) + ",purpose " + b64("contest-attachment");
        String location = mvc.perform(post("/api/v1/uploads").with(by(user)).with(csrf())
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", bytes.length)
                .header("Upload-Metadata", metadata)).andExpect(status().isCreated()).andReturn().getResponse()
                .getHeader("Location");
        mvc.perform(patch(location).with(by(user)).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream").content(bytes))
                .andExpect(status().isNoContent());
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A READY, PRIVATE lesson of {@code teacher}'s class 七年级1班 with a playable (fake) video. */
    long lesson(String teacher, String subject, String title) {
        long user = id(teacher);
        String school = teacher.equals("t1") ? "S01" : "S02";
        long classId = jdbc.sql("""
                select c.id from org_class c join org_grade g on g.id = c.grade_id join org_school s on s.id = c.school_id
                 where s.code = ? and g.name = '七年级' and c.name = '1班'""").param(school).query(Long.class).single();
        long lesson = intake.fromUpload(new UploadFacts(UUID.randomUUID().toString(), user, title + ".mp4",
                Instant.now(), title, classId, subject(subject), LocalDate.now(), 2));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into media_asset (owner_ref, source_key, state, renditions, created_at, updated_at)
                values (?, ?, 'READY', '360', ?, ?)""").params("lesson:" + lesson, "test/" + lesson, now, now)
                .update(key, "id");
        long asset = key.getKey().longValue();
        jdbc.sql("update lib_lesson set status = 'READY', visibility = 'PRIVATE', asset_id = ? where id = ?")
                .params(asset, lesson).update();
        return lesson;
    }

    long subject(String name) {
        return jdbc.sql("select id from org_subject where name = ?").param(name).query(Long.class).single();
    }

    long rubric() {
        return jdbc.sql("select min(id) from obs_rubric where name = '课堂教学评价表'").query(Long.class).single();
    }

    long id(String username) {
        return accounts.findByUsername(username).orElseThrow().id();
    }

    String scores(int each, boolean handIn) throws Exception {
        JsonNode criteria = read(call("admin", get("/api/v1/rubrics/" + rubric()))).get("criteria");
        StringBuilder body = new StringBuilder("{\"handIn\":" + handIn + ",\"scores\":[");
        for (int i = 0; i < criteria.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"criterionId\":").append(criteria.get(i).get("id"))
                    .append(",\"score\":").append(each).append('}');
        }
        return body.append("]}").toString();
    }

    static long entryOf(JsonNode entries, long lessonId) {
        for (JsonNode e : entries) {
            if (e.get("lessonId").asLong() == lessonId) {
                return e.get("id").asLong();
            }
        }
        throw new AssertionError("no entry of lesson " + lessonId);
    }

    static List<Long> judgesOf(JsonNode entries, long entryId) {
        List<Long> judges = new ArrayList<>();
        for (JsonNode e : entries) {
            if (e.get("id").asLong() == entryId) {
                e.get("assignments").forEach(a -> judges.add(a.get("judgeUserId").asLong()));
            }
        }
        return judges;
    }

    static long assignment(JsonNode entries, long entryId, long judge) {
        for (JsonNode e : entries) {
            if (e.get("id").asLong() == entryId) {
                for (JsonNode a : e.get("assignments")) {
                    if (a.get("judgeUserId").asLong() == judge) {
                        return a.get("id").asLong();
                    }
                }
            }
        }
        throw new AssertionError("judge " + judge + " has no task on entry " + entryId);
    }

    static JsonNode find(JsonNode array, String field, long value) {
        for (JsonNode n : array) {
            if (n.get(field).asLong() == value) {
                return n;
            }
        }
        throw new AssertionError("nothing with " + field + " = " + value);
    }

    /** The judge's task on an entry, which their own list must show. */
    long task(String judge, long entryId) throws Exception {
        JsonNode tasks = read(judgeCall(judge, get("/api/v1/judging")).andExpect(status().isOk()));
        long id = jdbc.sql("select id from ctst_assignment where entry_id = ? and judge_user_id = ?")
                .params(entryId, id(judge)).query(Long.class).single();
        List<Long> listed = new ArrayList<>();
        tasks.forEach(t -> listed.add(t.get("assignmentId").asLong()));
        assertThat(listed).as(judge + "'s tasks").contains(id);
        return id;
    }

    RequestPostProcessor by(String username) {
        return ActingAs.user(accounts, username);
    }

    ResultActions call(String user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(by(user)));
    }

    /** A judge's call whose answer (body and headers) goes into what the blind check searches. */
    ResultActions judgeCall(String user, MockHttpServletRequestBuilder request) throws Exception {
        ResultActions result = mvc.perform(request.with(by(user)));
        MockHttpServletResponse response = result.andReturn().getResponse();
        StringBuilder seen = new StringBuilder(response.getContentAsString(StandardCharsets.UTF_8));
        response.getHeaderNames().forEach(h -> seen.append('\n').append(h).append(": ").append(response.getHeader(h)));
        judgeSaw.add(seen.toString());
        return result;
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
