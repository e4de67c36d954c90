package org.ketang.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Who sees which schools, classes, students and timetables. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReachApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Organization organization;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Reach reach;

    TestSchool school;
    TestSchool other;

    @BeforeAll
    void schools() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        other = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
    }

    ResultActions as(Actor actor, String path, Object... vars) throws Exception {
        return mvc.perform(get(path, vars).with(ActingAs.actor(actor)));
    }

    @Test
    void teacherSeesOnlyTheirClassesStudents() throws Exception {
        // 赵敏 teaches only in 1班 this term
        Actor zhao = school.actor(school.zhaoUser, BuiltInRole.TEACHER);
        as(zhao, "/api/v1/schools/{id}/students", school.id).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", containsInAnyOrder("张小明", "刘洋")))
                .andExpect(jsonPath("$[0].guardians").isArray());
        as(zhao, "/api/v1/schools/{id}/students?classId={c}", school.id, school.class2).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
        // 王芳 teaches in both classes
        as(school.actor(school.wangUser, BuiltInRole.TEACHER), "/api/v1/schools/{id}/students", school.id)
                .andExpect(jsonPath("$", hasSize(4)));
    }

    @Test
    void teacherCannotSeeTheTimetableOfAClassTheyDoNotTeach() throws Exception {
        Actor zhao = school.actor(school.zhaoUser, BuiltInRole.TEACHER);
        as(zhao, "/api/v1/classes/{id}/timetable", school.class1).andExpect(status().isOk());
        as(zhao, "/api/v1/classes/{id}/timetable", school.class2).andExpect(status().isNotFound());
    }

    @Test
    void headTeacherSeesTheClassTheyHead() {
        Actor li = school.actor(school.liUser, BuiltInRole.HEAD_TEACHER);
        var visible = reach.of(li);
        assertThat(visible.classes()).containsExactlyInAnyOrder(school.class1, school.class2);
        assertThat(reach.student(li, school.student1)).isTrue();
        assertThat(reach.student(li, other.student1)).isFalse();
        assertThat(reach.school(li, other.id)).isFalse();
    }

    @Test
    void parentSeesOnlyTheirOwnChildren() throws Exception {
        Actor parent = school.actor(school.parent1User, BuiltInRole.PARENT);
        as(parent, "/api/v1/me/children").andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].studentId").value(school.student1))
                .andExpect(jsonPath("$[0].name").value("张小明"))
                .andExpect(jsonPath("$[0].classFullName").value("七年级1班"))
                .andExpect(jsonPath("$[0].schoolName").value("测试中学" + school.tag));
        assertThat(reach.student(parent, school.student1)).isTrue();
        assertThat(reach.student(parent, school.student2)).isFalse();
        // no PEOPLE_VIEW: a parent cannot list the class
        as(parent, "/api/v1/schools/{id}/students", school.id).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/forbidden"));
    }

    @Test
    void parentCanSeeTheirChildsTimetable() throws Exception {
        as(school.actor(school.parent1User, BuiltInRole.PARENT), "/api/v1/classes/{id}/timetable", school.class1)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("七年级1班课表"))
                .andExpect(jsonPath("$.entries", hasSize(5)));
    }

    @Test
    void parentCannotSeeAnotherChildsTimetable() throws Exception {
        as(school.actor(school.parent1User, BuiltInRole.PARENT), "/api/v1/classes/{id}/timetable", school.class2)
                .andExpect(status().isNotFound());
        as(school.actor(school.parent3User, BuiltInRole.PARENT), "/api/v1/classes/{id}/timetable", school.class1)
                .andExpect(status().isNotFound());
    }

    @Test
    void schoolAdminOfAnotherSchoolGetsNotFoundForAClassTimetable() throws Exception {
        as(other.admin(), "/api/v1/classes/{id}/timetable", school.class1).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/not-found"));
        as(other.admin(), "/api/v1/schools/{id}/structure", school.id).andExpect(status().isNotFound());
        as(other.admin(), "/api/v1/schools/{id}/students", school.id).andExpect(status().isNotFound());
        as(school.admin(), "/api/v1/classes/{id}/timetable", school.class1).andExpect(status().isOk());
    }

    @Test
    void schoolListsAreFilteredToWhatIsInReach() throws Exception {
        as(other.admin(), "/api/v1/schools").andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem((int) other.id)))
                .andExpect(jsonPath("$[*].id", not(hasItem((int) school.id))));
        as(TestSchool.districtAdmin(), "/api/v1/schools").andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem((int) other.id)))
                .andExpect(jsonPath("$[*].id", hasItem((int) school.id)));
    }

    @Test
    void studentSeesTheirOwnClassTimetable() throws Exception {
        Actor student = school.actor(school.student1User, BuiltInRole.STUDENT);
        as(student, "/api/v1/me/timetable").andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("七年级1班课表"))
                .andExpect(jsonPath("$.term.current").value(true))
                .andExpect(jsonPath("$.periods", hasSize(3)))
                .andExpect(jsonPath("$.entries[0].weekday").value(1))
                .andExpect(jsonPath("$.entries[0].period").value(1))
                .andExpect(jsonPath("$.entries[0].subject").value("数学"))
                .andExpect(jsonPath("$.entries[0].teacher").value("王芳"))
                .andExpect(jsonPath("$.entries[0].classroom").value("录播教室1"))
                .andExpect(jsonPath("$.entries[1].classroom").value("实验室"));
        as(student, "/api/v1/classes/{id}/timetable", school.class2).andExpect(status().isNotFound());
    }

    @Test
    void teacherSeesTheirOwnWeek() throws Exception {
        as(school.actor(school.liUser, BuiltInRole.TEACHER), "/api/v1/me/timetable").andExpect(status().isOk())
                .andExpect(jsonPath("$.entries", hasSize(2)))
                .andExpect(jsonPath("$.entries[*].classFullName", containsInAnyOrder("七年级1班", "七年级1班".replace('1', '2'))));
    }

    @Test
    void districtStaffSeeEverySchoolButCannotChangeThemWithoutPermission() throws Exception {
        Actor supervisor = ActingAs.withRoles(424242, "sup", null, BuiltInRole.SUPERVISOR);
        as(supervisor, "/api/v1/schools/{id}/structure", school.id).andExpect(status().isOk())
                .andExpect(jsonPath("$.grades[0].classes", hasSize(2)))
                .andExpect(jsonPath("$.grades[0].classes[0].fullName").value("七年级1班"))
                .andExpect(jsonPath("$.grades[0].classes[0].headTeacherName").value("李强"))
                .andExpect(jsonPath("$.grades[0].classes[0].studentCount").value(2))
                .andExpect(jsonPath("$.buildings[0].classrooms", hasSize(3)))
                .andExpect(jsonPath("$.terms[0].current").value(true));
        as(supervisor, "/api/v1/classes/{id}/timetable", other.class2).andExpect(status().isOk());
    }

    @Test
    void staffListShowsSubjectsAndHeadedClasses() throws Exception {
        as(school.admin(), "/api/v1/schools/{id}/staff", school.id).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[1].name").value("李强"))
                .andExpect(jsonPath("$[1].username").value("li" + school.tag))
                .andExpect(jsonPath("$[1].subjects[0]").value("语文"))
                .andExpect(jsonPath("$[1].headOf[0]").value("七年级1班"));
    }
}
