package org.ketang.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.Timetables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class DemoDistrictApiTests {

    @Autowired
    UserAccounts accounts;

    @Autowired
    Organization organization;

    @Autowired
    Timetables timetables;

    @Autowired
    DemoDistrict demo;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    long school(String name) {
        return jdbc.sql("select id from org_school where name = ?").param(name).query(Long.class).single();
    }

    @Test
    void seedsEveryDemoUserWithTheRightRolesAndSchool() {
        long first = school("第一中学");
        long second = school("实验中学");
        record Expected(Set<String> roles, @Nullable Long schoolId) {
        }
        Map<String, Expected> expected = Map.ofEntries(
                Map.entry("admin", new Expected(Set.of("DISTRICT_ADMIN"), null)),
                Map.entry("sadmin1", new Expected(Set.of("SCHOOL_ADMIN"), first)),
                Map.entry("principal1", new Expected(Set.of("PRINCIPAL"), first)),
                Map.entry("t1", new Expected(Set.of("TEACHER"), first)),
                Map.entry("ht1", new Expected(Set.of("HEAD_TEACHER", "TEACHER"), first)),
                Map.entry("r1", new Expected(Set.of("RESEARCHER"), null)),
                Map.entry("sup1", new Expected(Set.of("SUPERVISOR"), null)),
                Map.entry("s1", new Expected(Set.of("STUDENT"), first)),
                Map.entry("p1", new Expected(Set.of("PARENT"), first)),
                Map.entry("sadmin2", new Expected(Set.of("SCHOOL_ADMIN"), second)),
                Map.entry("t2", new Expected(Set.of("TEACHER"), second)),
                Map.entry("judge1", new Expected(Set.of("TEACHER", "JUDGE"), first)),
                Map.entry("judge2", new Expected(Set.of("TEACHER", "JUDGE"), second)),
                Map.entry("p2", new Expected(Set.of("PARENT"), second)));
        expected.forEach((username, want) -> assertThat(accounts.findByUsername(username)).as(username)
                .hasValueSatisfying(a -> {
                    assertThat(a.roles()).as(username).isEqualTo(want.roles());
                    assertThat(a.schoolId()).as(username).isEqualTo(want.schoolId());
                    assertThat(a.enabled()).isTrue();
                }));
    }

    @Test
    void everyDemoUserSignsInWithTheDemoPassword() throws Exception {
        for (String username : List.of("admin", "t1", "ht1", "s1", "p1", "sadmin2")) {
            String body = mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"username\":\"" + username + "\",\"password\":\"ketang2026\"}"))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat((Boolean) JsonPath.read(body, "$.user.mustChangePassword")).as(username).isFalse();
        }
    }

    @Test
    void theDistrictHasTwoSchoolsWithSixClassesAndFourRecordingClassrooms() {
        // other tests sharing this context may add schools: count what the demo made
        assertThat(jdbc.sql("select count(*) from org_school where code in ('S01', 'S02')").query(Long.class).single())
                .isEqualTo(2);
        String demoSchools = "(select id from org_school where code in ('S01', 'S02'))";
        assertThat(count("select count(*) from org_class where school_id in " + demoSchools)).isEqualTo(12);
        assertThat(count("select count(*) from org_classroom where recording and school_id in " + demoSchools)).isEqualTo(4);
        assertThat(count("select count(*) from org_class c where c.school_id in " + demoSchools
                + " and not exists (select 1 from org_classroom r where r.home_class_id = c.id)")).isZero();
        // a full week: 4 days × 8 periods + a Friday of 6, for every class
        assertThat(count("select count(*) from org_lesson l join org_class c on c.id = l.class_id where c.school_id in "
                + demoSchools)).isEqualTo(12 * 38);
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void noTeacherIsInTwoPlacesAtOnce() {
        assertThat(jdbc.sql("""
                select count(*) from (select teacher_id, weekday, period_no from org_lesson where teacher_id is not null
                 group by teacher_id, weekday, period_no having count(*) > 1) clashes
                """).query(Long.class).single()).isZero();
    }

    @Test
    void t1TeachesMathsInBothSeventhGradeClassesOfSchoolOne() throws Exception {
        String token = token("t1");
        mvc.perform(get("/api/v1/me/timetable").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.term.current").value(true))
                .andExpect(jsonPath("$.entries[*].subject", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("数学"))))
                .andExpect(jsonPath("$.entries[*].classFullName",
                        org.hamcrest.Matchers.hasItems("七年级1班", "七年级2班")));
        mvc.perform(get("/api/v1/me/children").header("Authorization", "Bearer " + token("p1")))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].name").value("张小明"))
                .andExpect(jsonPath("$[0].classFullName").value("七年级1班"))
                .andExpect(jsonPath("$[0].schoolName").value("第一中学"));
    }

    @Test
    void aRecordingClassroomHasItsClassOnMondayMorning() {
        long room = jdbc.sql("select id from org_classroom where school_id = ? and name = '录播教室1'")
                .param(school("第一中学")).query(Long.class).single();
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate termStart = jdbc.sql("select start_date from org_term where school_id = ?").param(school("第一中学"))
                .query(LocalDate.class).single();
        LocalDate monday = termStart.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        Happening now = timetables.whatIsHappening(room, monday.atTime(LocalTime.of(8, 10)).atZone(zone).toInstant())
                .orElseThrow();
        assertThat(now.classFullName()).isEqualTo("七年级1班");
        assertThat(now.subjectName()).isEqualTo("语文");
        assertThat(now.teacherName()).isEqualTo("李强");
    }

    @Test
    void seedingAgainChangesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from org_student").query(Long.class).single();
        demo.run(new DefaultApplicationArguments());
        assertThat(jdbc.sql("select count(*) from org_student").query(Long.class).single()).isEqualTo(before);
        assertThat(organization.hasSchools()).isTrue();
    }

    String token(String username) throws Exception {
        String body = mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"ketang2026\"}"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.token");
    }
}
