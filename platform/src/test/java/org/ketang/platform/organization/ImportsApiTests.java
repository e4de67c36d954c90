package org.ketang.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

/** Timetable and people imports over HTTP, with the example files of docs/examples. */
@IntegrationTest
class ImportsApiTests {

    static final LocalDate START = LocalDate.of(2026, 9, 1);
    static final LocalDate END = LocalDate.of(2027, 1, 20);

    @Autowired
    MockMvc mvc;

    @Autowired
    Organization organization;

    @Autowired
    UserAccounts accounts;

    /** A school with 七年级1班/2班, 录播教室1, bells and a term, but no people yet. */
    record EmptySchool(long id, long class1, long class2, long term, Actor admin) {
    }

    EmptySchool emptySchool() {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L), 36);
        long id = organization.createSchool("导入中学" + tag, "I" + tag);
        long grade = organization.addGrade(id, "七年级", 7);
        long class1 = organization.addClass(grade, "1班");
        long class2 = organization.addClass(grade, "2班");
        long building = organization.addBuilding(id, "综合楼");
        organization.addClassroom(id, building, "录播教室1", true, class1);
        organization.setBellSchedule(id, TestSchool.bells());
        long term = organization.addTerm(id, "学期", START, END);
        return new EmptySchool(id, class1, class2, term,
                ActingAs.withRoles(880_000 + id, "sadmin" + tag, id, BuiltInRole.SCHOOL_ADMIN));
    }

    /** The example people file with usernames and phone numbers no other test uses. */
    static String people(String wangUsername) {
        String prefix = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        return Examples.text("people.csv").replace("wangfang", wangUsername).replace("138000000", prefix.substring(0, 8) + "1")
                .replace("139000000", prefix.substring(0, 8) + "2");
    }

    ResultActions upload(Actor actor, String what, long schoolId, byte[] content, String filename, String... params)
            throws Exception {
        var request = multipart("/api/v1/schools/{id}/imports/" + what, schoolId)
                .file(new MockMultipartFile("file", filename, "application/octet-stream", content));
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request.with(csrf()).with(ActingAs.actor(actor)));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void importsTheExamplePeopleThenTheExampleTimetable() throws Exception {
        EmptySchool school = emptySchool();
        String wang = "wang" + school.id();
        String answer = upload(school.admin(), "people", school.id(), utf8(people(wang)), "people.csv")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(8))
                .andExpect(jsonPath("$.created.teachers").value(3))
                .andExpect(jsonPath("$.created.students").value(3))
                .andExpect(jsonPath("$.created.parents").value(2))
                .andExpect(jsonPath("$.accounts", hasSize(8)))
                .andExpect(jsonPath("$.accounts[0].username").value(wang))
                .andExpect(jsonPath("$.accounts[1].username", startsWith("t")))
                .andExpect(jsonPath("$.accounts[3].username", startsWith("s")))
                .andExpect(jsonPath("$.accounts[6].username", startsWith("p")))
                .andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(answer, "$.accounts[0].initialPassword")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(accounts.findByUsername(wang)).hasValueSatisfying(a -> {
            assertThat(a.roles()).containsExactlyInAnyOrder("TEACHER", "HEAD_TEACHER");
            assertThat(a.schoolId()).isEqualTo(school.id());
            assertThat(a.displayName()).isEqualTo("王芳");
        });
        String student = JsonPath.read(answer, "$.accounts[3].username");
        assertThat(accounts.findByUsername(student)).hasValueSatisfying(a -> assertThat(a.roles()).containsExactly("STUDENT"));

        mvc.perform(get("/api/v1/schools/{id}/staff", school.id()).with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$[0].name").value("王芳"))
                .andExpect(jsonPath("$[0].username").value(wang))
                .andExpect(jsonPath("$[0].subjects", containsInAnyOrder("数学", "物理")))
                .andExpect(jsonPath("$[0].headOf[0]").value("七年级1班"));
        mvc.perform(get("/api/v1/schools/{id}/students", school.id()).with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].name").value("张小明"))
                .andExpect(jsonPath("$[0].guardians[*].name", containsInAnyOrder("张伟", "李娜")))
                .andExpect(jsonPath("$[2].name").value("陈晨"))
                .andExpect(jsonPath("$[2].guardians[0].relation").value("母亲"));

        upload(school.admin(), "timetable", school.id(), utf8(Examples.text("timetable.csv").replace("wangfang", wang)),
                "timetable.csv", "termId", String.valueOf(school.term()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(9))
                .andExpect(jsonPath("$.classes").value(2));
        mvc.perform(get("/api/v1/classes/{id}/timetable", school.class1()).param("termId", String.valueOf(school.term()))
                .with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$.entries", hasSize(5)))
                .andExpect(jsonPath("$.entries[4].teacher").value("王芳"))
                .andExpect(jsonPath("$.entries[4].classroom").value("录播教室1"));
    }

    @Test
    void timetableRowErrorsAreReportedAndNothingIsWritten() throws Exception {
        TestSchool school = new TestSchool(organization, accounts, START, END, true);
        StringBuilder csv = new StringBuilder("班级,星期,节次,学科,教师\n");
        for (int day = 1; day <= 5; day++) {
            for (int period = 1; period <= 3; period++) {
                csv.append("七年级1班,").append(day).append(',').append(period).append(",数学,王芳\n");
            }
        }
        csv.append("七年级2班,周一,3,语文,王老师\n");
        upload(school.admin(), "timetable", school.id, utf8(csv.toString()), "timetable.csv")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/import-rejected"))
                .andExpect(jsonPath("$.errors", hasSize(1)))
                .andExpect(jsonPath("$.errors[0].row").value(17))
                .andExpect(jsonPath("$.errors[0].message").value("第17行：未知教师 王老师"))
                .andExpect(jsonPath("$.errors[0].messageEn").value("row 17: unknown teacher 王老师"));
        // the 15 good rows were not written: 1班 keeps its old week
        mvc.perform(get("/api/v1/classes/{id}/timetable", school.class1).with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$.entries", hasSize(5)));
    }

    @Test
    void dryRunChecksButWritesNothing() throws Exception {
        TestSchool school = new TestSchool(organization, accounts, START, END, false);
        String wang = accounts.find(school.wangUser).orElseThrow().username();
        upload(school.admin(), "timetable", school.id, utf8(Examples.text("timetable.csv").replace("wangfang", wang)),
                "timetable.csv", "termId", String.valueOf(school.term), "dryRun", "true")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(9))
                .andExpect(jsonPath("$.dryRun").value(true));
        mvc.perform(get("/api/v1/classes/{id}/timetable", school.class1).with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$.entries", hasSize(0)));
    }

    @Test
    void gb18030AndXlsxFilesImportLikeUtf8() throws Exception {
        TestSchool school = new TestSchool(organization, accounts, START, END, false);
        String wang = accounts.find(school.wangUser).orElseThrow().username();
        String csv = Examples.text("timetable.csv").replace("wangfang", wang);
        upload(school.admin(), "timetable", school.id, csv.getBytes("GB18030"), "课表.csv")
                .andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(9));
        upload(school.admin(), "timetable", school.id, Examples.xlsxOf(csv), "课表.xlsx")
                .andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(9));
        // the example as it stands names wangfang, who is no user of this school: row 6 of the sheet
        upload(school.admin(), "timetable", school.id, Examples.xlsx("timetable.csv"), "课表.xlsx")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value("第6行：未知教师 wangfang"));
        byte[] bom = Examples.withBom("timetable.csv");
        String withBom = new String(bom, StandardCharsets.UTF_8).replace("wangfang", wang);
        upload(school.admin(), "timetable", school.id, withBom.getBytes(StandardCharsets.UTF_8), "课表.csv")
                .andExpect(status().isOk()).andExpect(jsonPath("$.classes").value(2));
    }

    @Test
    void xlsxPeopleFileImports() throws Exception {
        EmptySchool school = emptySchool();
        upload(school.admin(), "people", school.id(), Examples.xlsxOf(people("wx" + school.id())), "people.xlsx")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created.teachers").value(3))
                .andExpect(jsonPath("$.created.students").value(3));
        mvc.perform(get("/api/v1/schools/{id}/students", school.id()).with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$[0].studentNo").value("20260101"));
    }

    @Test
    void peopleFileWithAnErrorCreatesNoAccounts() throws Exception {
        EmptySchool school = emptySchool();
        String username = "ok" + school.id();
        String csv = "类型,姓名,用户名,班级,学号\n教师,好老师," + username + ",,\n学生,坏学生,,九年级9班,1\n";
        upload(school.admin(), "people", school.id(), utf8(csv), "people.csv")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value("第3行：未知班级 九年级9班"));
        assertThat(accounts.findByUsername(username)).isEmpty();
        mvc.perform(get("/api/v1/schools/{id}/staff", school.id()).with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void aFailureWhileWritingRollsBackTheAccountsAlreadyCreated() throws Exception {
        EmptySchool school = emptySchool();
        String phone = "137" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        accounts.create(new UserAccounts.NewAccount("taken" + school.id(), phone, "别人", "password-1", null,
                Set.of("TEACHER"), false));
        String first = "first" + school.id();
        String csv = "类型,姓名,用户名,手机\n教师,甲," + first + ",\n教师,乙,," + phone + "\n";
        upload(school.admin(), "people", school.id(), utf8(csv), "people.csv")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].row").value(3));
        assertThat(accounts.findByUsername(first)).isEmpty();
        mvc.perform(get("/api/v1/schools/{id}/staff", school.id()).with(ActingAs.actor(school.admin())))
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void importsNeedThePermissionAndTheSchool() throws Exception {
        EmptySchool school = emptySchool();
        EmptySchool other = emptySchool();
        byte[] csv = Examples.file("timetable.csv");
        upload(ActingAs.withRoles(1, "t", school.id(), BuiltInRole.TEACHER), "timetable", school.id(), csv, "t.csv")
                .andExpect(status().isForbidden());
        upload(other.admin(), "timetable", school.id(), csv, "t.csv").andExpect(status().isNotFound());
        upload(other.admin(), "people", school.id(), Examples.file("people.csv"), "p.csv").andExpect(status().isNotFound());
    }
}
