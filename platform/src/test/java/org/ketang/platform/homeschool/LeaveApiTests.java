package org.ketang.platform.homeschool;

import static org.hamcrest.Matchers.hasSize;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.TestSchool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

/** Leave requests: a parent asks, the head teacher decides, attendance is marked by period; privacy holds. */
@IntegrationTest
class LeaveApiTests {

    @Autowired MockMvc mvc;
    @Autowired Organization organization;
    @Autowired UserAccounts accounts;

    TestSchool school;
    Actor li;
    Actor wang;
    Actor zhao;
    Actor parent1;
    Actor parent3;
    LocalDate monday;

    @BeforeEach
    void school() {
        LocalDate today = LocalDate.now();
        school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        li = school.actor(school.liUser, BuiltInRole.TEACHER, BuiltInRole.HEAD_TEACHER);
        wang = school.actor(school.wangUser, BuiltInRole.TEACHER);
        zhao = school.actor(school.zhaoUser, BuiltInRole.TEACHER);
        parent1 = school.actor(school.parent1User, BuiltInRole.PARENT);
        parent3 = school.actor(school.parent3User, BuiltInRole.PARENT);
        monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    ResultActions ask(Actor by, long student, String periods) throws Exception {
        return mvc.perform(post("/api/v1/homeschool/leave").with(actor(by)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"studentId":%d,"kind":"SICK","fromDate":"%s","toDate":"%s","periods":%s,"reason":"发烧，去医院"}"""
                        .formatted(student, monday, monday, periods)));
    }

    long id(ResultActions result) throws Exception {
        return ((Number) JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }

    @Test
    void anApprovedLeaveMarksTheChildsPeriodsInAttendance() throws Exception {
        long leave = id(ask(parent1, school.student1, "[1]").andExpect(status().isCreated()));
        mvc.perform(get("/api/v1/homeschool/leave?classId=" + school.class1).with(actor(li)))
                .andExpect(jsonPath("$[0].id").value(leave)).andExpect(jsonPath("$[0].state").value("PENDING"));

        mvc.perform(post("/api/v1/homeschool/leave/" + leave + "/approve").with(actor(li)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state").value("APPROVED"));
        // Monday period 1 of 1班 is 数学 with 王芳: marked, and only that period
        mvc.perform(get("/api/v1/homeschool/attendance?classId=" + school.class1 + "&from=" + monday + "&to=" + monday)
                .with(actor(wang))).andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].period").value(1))
                .andExpect(jsonPath("$[0].status").value("LEAVE")).andExpect(jsonPath("$[0].studentName").value("张小明"));
        mvc.perform(get("/api/v1/homeschool/leave").with(actor(parent1))).andExpect(jsonPath("$[0].state").value("APPROVED"));
        mvc.perform(post("/api/v1/homeschool/leave/" + leave + "/reject").with(actor(li)).with(csrf()))
                .andExpect(status().isConflict());
    }

    @Test
    void aWholeDayCoversEveryPeriodOfThatDay() throws Exception {
        long leave = id(ask(parent1, school.student1, "null"));
        mvc.perform(post("/api/v1/homeschool/leave/" + leave + "/approve").with(actor(li)).with(csrf()));
        mvc.perform(get("/api/v1/homeschool/attendance?studentId=" + school.student1 + "&from=" + monday + "&to=" + monday)
                .with(actor(parent1))).andExpect(jsonPath("$", hasSize(2)));
    }

    @Test
    void onlyTheHeadTeacherDecides() throws Exception {
        long leave = id(ask(parent1, school.student1, "[1]"));
        // 王芳 teaches the class but is no head teacher; give her the permission through a head-teacher role elsewhere
        Actor wangAsHead = school.actor(school.wangUser, BuiltInRole.TEACHER, BuiltInRole.HEAD_TEACHER);
        mvc.perform(post("/api/v1/homeschool/leave/" + leave + "/approve").with(actor(wang)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/homeschool/leave/" + leave + "/approve").with(actor(wangAsHead)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/homeschool/leave/" + leave + "/approve").with(actor(parent1)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aParentCannotAskForOrSeeAnotherChildsLeave() throws Exception {
        ask(parent3, school.student1, "[1]").andExpect(status().isNotFound());
        long leave = id(ask(parent1, school.student1, "[1]"));
        mvc.perform(get("/api/v1/homeschool/leave/" + leave).with(actor(parent3))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/leave").with(actor(parent3))).andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/api/v1/homeschool/leave?classId=" + school.class1).with(actor(parent3))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/homeschool/attendance?studentId=" + school.student1 + "&from=" + monday + "&to=" + monday)
                .with(actor(parent3))).andExpect(status().isNotFound());
        // a teacher of another class neither (赵敏 does not teach 2班)
        mvc.perform(get("/api/v1/homeschool/leave?classId=" + school.class2).with(actor(zhao))).andExpect(status().isNotFound());
    }
}
