package org.ketang.platform.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.live.internal.Broadcasts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.ObjectMapper;

/**
 * Patrol on the demo district: sup1 (督导) patrols every school, sadmin1 and principal1 only 第一中学 (S01), sadmin2
 * only 实验中学 (S02); teachers and researchers do not patrol.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class PatrolApiTests {

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired Broadcasts broadcasts;

    @BeforeEach
    void nothingIsLive() {
        broadcasts.sweep(Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void aSchoolLeaderPatrolsOnlyTheirSchool() throws Exception {
        long s1 = school("S01");
        long s2 = school("S02");
        long otherRoom = room("S02", "录播教室1");
        mvc.perform(get("/api/v1/patrol/rooms?live=false").with(by("sadmin1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].schoolId").value(hasItem((int) s1)))
                .andExpect(jsonPath("$[*].schoolId").value(not(hasItem((int) s2))));
        mvc.perform(get("/api/v1/patrol/rooms?schoolId=" + s2).with(by("sadmin1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/patrol/rooms?schoolId=" + s2).with(by("principal1"))).andExpect(status().isForbidden());
        note("principal1", "{\"classroomId\":" + otherRoom + ",\"score\":80}").andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/patrol/notes?schoolId=" + s2 + "&from=2026-01-01&to=2026-12-31").with(by("sadmin1")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/patrol/rooms").with(by("t1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/patrol/rooms").with(by("r1"))).andExpect(status().isForbidden());
        // the supervisor sees every school's recording classrooms
        mvc.perform(get("/api/v1/patrol/rooms?live=false").with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].schoolId").value(hasItem((int) s1)))
                .andExpect(jsonPath("$[*].schoolId").value(hasItem((int) s2)))
                .andExpect(jsonPath("$[*].classroomName").value(not(hasItem("阶梯教室"))));
    }

    @Test
    void theWallShowsLiveRoomsNarrowedByItsFilters() throws Exception {
        long room = room("S01", "录播教室1");
        String recorder = recorder(room);
        mvc.perform(get("/api/v1/patrol/rooms").with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].classroomId").value(not(hasItem((int) room))));
        push(recorder, "index0.ts", new byte[188]);
        push(recorder, "index.m3u8", ("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
                + "#EXTINF:1.0,\nindex0.ts\n").getBytes(StandardCharsets.UTF_8));

        mvc.perform(get("/api/v1/patrol/rooms").with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.classroomId == " + room + ")].live").value(hasItem(true)))
                .andExpect(jsonPath("$[?(@.classroomId == " + room + ")].schoolName").value(hasItem("第一中学")))
                .andExpect(jsonPath("$[?(@.classroomId == " + room + ")].buildingName").value(hasItem("综合楼")));
        long media = jdbc.sql("select building_id from org_classroom where id = ?").param(room).query(Long.class).single();
        long teaching = jdbc.sql("select id from org_building where school_id = ? and name = '教学楼'")
                .param(school("S01")).query(Long.class).single();
        mvc.perform(get("/api/v1/patrol/rooms?buildingId=" + media).with(by("sup1")))
                .andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/api/v1/patrol/rooms?buildingId=" + teaching).with(by("sup1")))
                .andExpect(jsonPath("$.length()").value(0));
        // the grade: of the class taught there now, else of the room's home class (七年级1班): 七年级 either way
        long seventh = jdbc.sql("select id from org_grade where school_id = ? and name = '七年级'").param(school("S01"))
                .query(Long.class).single();
        long eighth = jdbc.sql("select id from org_grade where school_id = ? and name = '八年级'").param(school("S01"))
                .query(Long.class).single();
        mvc.perform(get("/api/v1/patrol/rooms?gradeId=" + seventh).with(by("sup1"))).andExpect(jsonPath("$.length()").value(1));
        mvc.perform(get("/api/v1/patrol/rooms?gradeId=" + eighth).with(by("sup1"))).andExpect(jsonPath("$.length()").value(0));
        // "being taught now" agrees with the timetable's answer for the room
        String now = mvc.perform(get("/api/v1/classrooms/" + room + "/now").with(by("sup1"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        boolean teachingNow = now.contains("\"happening\":true");
        mvc.perform(get("/api/v1/patrol/rooms?teachingNow=true").with(by("sup1")))
                .andExpect(jsonPath("$.length()").value(teachingNow ? 1 : 0));
    }

    @Test
    void notesAreReportedPerSchoolAndTeacherAndExportedAsCsv() throws Exception {
        long room1 = room("S01", "录播教室1");
        long room2 = room("S02", "录播教室1");
        note("sup1", "{\"classroomId\":" + room1 + ",\"score\":90,\"note\":\"课堂秩序良好\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.authorName").value("sup1")).andExpect(jsonPath("$.score").value(90));
        note("principal1", "{\"classroomId\":" + room1 + ",\"score\":70}").andExpect(status().isCreated());
        note("sup1", "{\"classroomId\":" + room2 + ",\"note\":\"=HYPERLINK(1)\"}").andExpect(status().isCreated());
        // a lesson of an earlier day: the period's class, subject and teacher come from the timetable
        LocalDate monday = LocalDate.now(ZoneId.of("Asia/Shanghai")).with(java.time.DayOfWeek.MONDAY);
        if (monday.isAfter(LocalDate.now(ZoneId.of("Asia/Shanghai")))) {
            monday = monday.minusWeeks(1);
        }
        note("sup1", "{\"classroomId\":" + room1 + ",\"date\":\"" + monday + "\",\"period\":2,\"score\":60}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.period").value(2))
                .andExpect(jsonPath("$.subjectName").value("数学")).andExpect(jsonPath("$.teacherName").value("王芳"))
                .andExpect(jsonPath("$.className").value("七年级1班"));
        note("sup1", "{\"classroomId\":" + room1 + "}").andExpect(status().isBadRequest());
        note("sup1", "{\"classroomId\":" + room1 + ",\"score\":101}").andExpect(status().isBadRequest());
        note("sup1", "{\"classroomId\":" + room1 + ",\"date\":\"" + monday + "\",\"score\":1}")
                .andExpect(status().isBadRequest());

        String range = "from=" + monday.minusDays(1) + "&to=" + LocalDate.now().plusDays(1);
        mvc.perform(get("/api/v1/patrol/reports/school?" + range).with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '第一中学')].notes").value(hasItem(3)))
                .andExpect(jsonPath("$[?(@.name == '第一中学')].scored").value(hasItem(3)))
                .andExpect(jsonPath("$[?(@.name == '第一中学')].average").value(hasItem(73.3)))
                .andExpect(jsonPath("$[?(@.name == '实验中学')].notes").value(hasItem(1)));
        mvc.perform(get("/api/v1/patrol/reports/school?" + range).with(by("principal1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1)).andExpect(jsonPath("$[0].name").value("第一中学"));
        mvc.perform(get("/api/v1/patrol/reports/teacher?" + range).with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == '王芳')].lowest").value(hasItem(60)));
        mvc.perform(get("/api/v1/patrol/reports/room?" + range).with(by("sup1"))).andExpect(status().isBadRequest());

        byte[] csv = mvc.perform(get("/api/v1/patrol/reports/school/csv?" + range).with(by("sup1")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF学校,巡课记录,评分次数,平均分,最低分,最高分\r\n").contains("第一中学,3,3,73.3,60,90\r\n")
                .contains("实验中学,1,0,,,\r\n");
        mvc.perform(get("/api/v1/patrol/notes?" + range).with(by("sup1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.note == '=HYPERLINK(1)')]").isNotEmpty());
    }

    // ------------------------------------------------------------------ helpers

    RequestPostProcessor by(String username) {
        return ActingAs.user(accounts, username);
    }

    ResultActions note(String user, String body) throws Exception {
        return mvc.perform(post("/api/v1/patrol/notes").with(by(user)).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    long school(String code) {
        return jdbc.sql("select id from org_school where code = ?").param(code).query(Long.class).single();
    }

    long room(String school, String name) {
        return jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = ? and r.name = ?""").param(school).param(name).query(Long.class).single();
    }

    String recorder(long room) throws Exception {
        String code = json.readTree(mvc.perform(post("/api/v1/devices/enrollment-codes").with(by("sadmin1"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("classroomId", room, "kind", "recorder"))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("code").asString();
        return json.readTree(mvc.perform(post(AgentApi.ENROLL).contentType(MediaType.APPLICATION_JSON).content(json
                .writeValueAsString(Map.of("code", code, "kind", "recorder", "hostname", "box", "agentVersion", "0.1.0"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("token").asString();
    }

    void push(String token, String file, byte[] body) throws Exception {
        mvc.perform(put(AgentApi.LIVE, file).header("Authorization", "Bearer " + token).content(body))
                .andExpect(status().isNoContent());
    }
}
