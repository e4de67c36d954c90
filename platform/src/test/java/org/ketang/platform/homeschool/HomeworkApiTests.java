package org.ketang.platform.homeschool;

import static org.hamcrest.Matchers.hasSize;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

/** Homework: a teacher assigns with a file, a parent hands in a photo, the teacher reviews; only the family sees it. */
@IntegrationTest
class HomeworkApiTests {

    @Autowired MockMvc mvc;
    @Autowired Organization organization;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;

    TestSchool school;
    Actor wang;
    Actor zhao;
    Actor parent1;
    Actor parent3;
    Actor student1;

    @BeforeEach
    void school() {
        LocalDate today = LocalDate.now();
        school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        wang = school.actor(school.wangUser, BuiltInRole.TEACHER);
        zhao = school.actor(school.zhaoUser, BuiltInRole.TEACHER);
        parent1 = school.actor(school.parent1User, BuiltInRole.PARENT);
        parent3 = school.actor(school.parent3User, BuiltInRole.PARENT);
        student1 = school.actor(school.student1User, BuiltInRole.STUDENT);
    }

    long assign(Actor by, long classId, String... uploads) throws Exception {
        String files = uploads.length == 0 ? "[]" : "[\"" + String.join("\",\"", uploads) + "\"]";
        String body = mvc.perform(post("/api/v1/homeschool/homework").with(actor(by)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"title":"练习册第 12 页","body":"完成 1–8 题，拍照上传","subject":"数学","classIds":[%d],
                         "dueAt":"%s","attachments":%s}""".formatted(classId, Instant.now().plus(1, ChronoUnit.DAYS), files)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    ResultActions submit(Actor by, long homework, long student, String... uploads) throws Exception {
        String files = uploads.length == 0 ? "[]" : "[\"" + String.join("\",\"", uploads) + "\"]";
        return mvc.perform(post("/api/v1/homeschool/homework/" + homework + "/submissions").with(actor(by)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"studentId\":%d,\"body\":\"做完了\",\"attachments\":%s}".formatted(student, files)));
    }

    static long id(ResultActions result, String path) throws Exception {
        return ((Number) JsonPath.read(result.andReturn().getResponse().getContentAsString(), path)).longValue();
    }

    ResultActions review(Actor by, long submission, String action, String grade, String comment) throws Exception {
        return mvc.perform(post("/api/v1/homeschool/submissions/" + submission + "/review").with(actor(by)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"%s\",\"grade\":\"%s\",\"comment\":\"%s\"}".formatted(action, grade, comment)));
    }

    @Test
    void aParentHandsInAPhotoAndSeesTheTeachersGrade() throws Exception {
        String sheet = HomeschoolUploads.upload(mvc, wang, "练习.png", HomeschoolUploads.PNG);
        long homework = assign(wang, school.class1, sheet);
        mvc.perform(get("/api/v1/homeschool/homework?studentId=" + school.student1).with(actor(parent1)))
                .andExpect(jsonPath("$[0].id").value(homework)).andExpect(jsonPath("$[0].state").doesNotExist());
        long sheetId = id(mvc.perform(get("/api/v1/homeschool/homework/" + homework).with(actor(parent1)))
                .andExpect(jsonPath("$.attachments[0].kind").value("IMAGE")), "$.attachments[0].id");
        mvc.perform(get("/api/v1/homeschool/attachments/" + sheetId).with(actor(parent1))).andExpect(status().isOk())
                .andExpect(content().contentType("image/png")).andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(content().bytes(HomeschoolUploads.PNG));

        String photo = HomeschoolUploads.upload(mvc, parent1, "作业.png", HomeschoolUploads.PNG);
        long submission = id(submit(parent1, homework, school.student1, photo).andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("SUBMITTED")).andExpect(jsonPath("$.late").value(false))
                .andExpect(jsonPath("$.attachments", hasSize(1))), "$.id");

        mvc.perform(get("/api/v1/homeschool/homework/" + homework + "/overview?classId=" + school.class1).with(actor(wang)))
                .andExpect(jsonPath("$.students", hasSize(2)))
                .andExpect(jsonPath("$.students[?(@.studentName == '张小明')].standing").value("SUBMITTED"))
                .andExpect(jsonPath("$.students[?(@.studentName == '刘洋')].standing").value("MISSING"))
                .andExpect(jsonPath("$.homework.classes[0].submitted").value(1));
        review(wang, submission, "REVIEW", "A", "字迹工整").andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("REVIEWED"));

        mvc.perform(get("/api/v1/homeschool/homework/" + homework + "/submissions?studentId=" + school.student1)
                .with(actor(parent1))).andExpect(jsonPath("$.grade").value("A"))
                .andExpect(jsonPath("$.comment").value("字迹工整")).andExpect(jsonPath("$.reviewerName").value(wang.displayName()));
        // reviewed work is final
        submit(parent1, homework, school.student1).andExpect(status().isConflict());
    }

    @Test
    void returnedHomeworkIsHandedInAgainAndLateWorkIsMarked() throws Exception {
        long homework = assign(wang, school.class1);
        long submission = id(submit(student1, homework, school.student1), "$.id");
        review(wang, submission, "RETURN", "", "").andExpect(status().isBadRequest());
        review(wang, submission, "RETURN", "", "第 3 题再想想").andExpect(jsonPath("$.state").value("RETURNED"));
        mvc.perform(get("/api/v1/homeschool/homework?studentId=" + school.student1).with(actor(parent1)))
                .andExpect(jsonPath("$[0].state").value("RETURNED"));

        jdbc.sql("update hs_homework set due_at = ? where id = ?")
                .params(Instant.now().minus(1, ChronoUnit.HOURS).atOffset(java.time.ZoneOffset.UTC), homework).update();
        submit(parent1, homework, school.student1).andExpect(jsonPath("$.id").value(submission))
                .andExpect(jsonPath("$.state").value("SUBMITTED")).andExpect(jsonPath("$.late").value(true));
        mvc.perform(get("/api/v1/homeschool/homework/" + homework + "/overview?classId=" + school.class1).with(actor(wang)))
                .andExpect(jsonPath("$.students[?(@.studentName == '张小明')].standing").value("LATE"))
                .andExpect(jsonPath("$.homework.classes[0].late").value(1));
    }

    @Test
    void aParentCannotSeeOrHandInAnotherChildsHomework() throws Exception {
        long homework = assign(wang, school.class1);
        String photo = HomeschoolUploads.upload(mvc, parent1, "作业.png", HomeschoolUploads.PNG);
        long submission = id(submit(parent1, homework, school.student1, photo), "$.id");
        long photoId = id(mvc.perform(get("/api/v1/homeschool/submissions/" + submission).with(actor(parent1))),
                "$.attachments[0].id");

        // 陈静 is the parent of 陈晨 in 2班
        mvc.perform(get("/api/v1/homeschool/homework?studentId=" + school.student1).with(actor(parent3)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/homework/" + homework).with(actor(parent3))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/submissions/" + submission).with(actor(parent3))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/homework/" + homework + "/submissions?studentId=" + school.student1)
                .with(actor(parent3))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/attachments/" + photoId).with(actor(parent3))).andExpect(status().isNotFound());
        submit(parent3, homework, school.student1).andExpect(status().isNotFound());
        // their own child's class was not given this homework
        submit(parent3, homework, school.student3).andExpect(status().isNotFound());
        review(parent1, submission, "REVIEW", "A", "").andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/homeschool/attachments/" + photoId).with(actor(wang))).andExpect(status().isOk());
        // a teacher sees nothing of another class's homework (赵敏 does not teach 2班)
        long homework2 = assign(wang, school.class2);
        String photo3 = HomeschoolUploads.upload(mvc, parent3, "作业.png", HomeschoolUploads.PNG);
        long submission3 = id(submit(parent3, homework2, school.student3, photo3).andExpect(status().isCreated()), "$.id");
        long photo3Id = id(mvc.perform(get("/api/v1/homeschool/submissions/" + submission3).with(actor(parent3))),
                "$.attachments[0].id");
        review(zhao, submission3, "REVIEW", "A", "").andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/attachments/" + photo3Id).with(actor(zhao))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/attachments/" + photo3Id).with(actor(parent1))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/homework?classId=" + school.class2).with(actor(zhao)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/homework/" + homework2 + "/overview?classId=" + school.class2).with(actor(zhao)))
                .andExpect(status().isNotFound());
        // parents do not assign; another parent's upload cannot be attached
        mvc.perform(post("/api/v1/homeschool/homework").with(actor(parent1)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"x\",\"body\":\"x\",\"classIds\":[%d],\"dueAt\":\"%s\"}".formatted(school.class1,
                        Instant.now().plus(1, ChronoUnit.DAYS)))).andExpect(status().isForbidden());
        String other = HomeschoolUploads.upload(mvc, parent1, "b.png", HomeschoolUploads.PNG);
        submit(student1, assign(wang, school.class1), school.student1, other).andExpect(status().isBadRequest());
    }

    @Test
    void onlyPicturesRecordingsVideosAndPdfsAreAccepted() throws Exception {
        HomeschoolUploads.send(mvc, parent1, "evil.html", "<html><script>alert(1)</script></html>".getBytes())
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("图片")));
        HomeschoolUploads.send(mvc, parent1, "voice.ogg", "OggS\0\2\0\0\0\0\0\0\0\0".getBytes()).andExpect(status().isNoContent());
        // parents upload only attachments, never lessons
        mvc.perform(post("/api/v1/uploads").with(actor(parent1)).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", 10).header("Upload-Metadata", "purpose bGVzc29u")).andExpect(status().isForbidden());
    }
}
