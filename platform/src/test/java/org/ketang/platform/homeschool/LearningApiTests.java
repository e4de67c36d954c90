package org.ketang.platform.homeschool;

import static org.hamcrest.Matchers.hasItem;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.LessonMedia;
import org.ketang.platform.library.UploadFacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Learning on the demo district: the head teacher of 七年级1班 recommends a school-only lesson; the class's parent
 * (who has no LESSON_VIEW) may then open and watch it through the library, the teacher sees that their child
 * watched; a parent of another school still gets 404.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class LearningApiTests {

    @Autowired MockMvc mvc;
    @Autowired LessonIntake intake;
    @Autowired LessonMedia media;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;

    Actor as(String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        return ActingAs.withRoles(a.id(), username, a.schoolId(),
                a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new));
    }

    long id(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void aRecommendationLetsTheClassesParentsWatchASchoolLessonAndTheTeacherSeesWhoWatched() throws Exception {
        Actor teacher = as("ht1");
        Actor parent = as("p1");
        Actor otherParent = as("p2");
        long lesson = intake.fromUpload(new UploadFacts(UUID.randomUUID().toString(), as("t1").userId(), "x.mp4",
                Instant.now(), "二次函数 推荐学习"));
        media.attachAsset(lesson, 5000 + lesson);
        media.renditionPublished(lesson, 360);
        mvc.perform(get("/api/v1/lessons/" + lesson).with(actor(teacher))).andExpect(jsonPath("$.visibility").value("SCHOOL"));
        long child = id("""
                select min(gs.student_id) from org_guardianship gs join org_guardian g on g.id = gs.guardian_id
                 where g.user_id = (select id from user_account where username = 'p1')""");
        long classId = id("select class_id from org_student where id = " + child);

        // not recommended yet: a parent has no LESSON_VIEW, a SCHOOL lesson is not theirs to open
        mvc.perform(get("/api/v1/lessons/" + lesson).with(actor(parent))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/homeschool/recommendations").with(actor(parent)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"lessonId\":%d,\"classId\":%d}".formatted(lesson, classId)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/homeschool/recommendations").with(actor(teacher)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"lessonId\":%d,\"classId\":%d,\"note\":\"周末复习\"}".formatted(lesson, classId)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.title").value("二次函数 推荐学习"));

        mvc.perform(get("/api/v1/homeschool/recommendations?studentId=" + child).with(actor(parent)))
                .andExpect(jsonPath("$[*].lessonId", hasItem((int) lesson)));
        mvc.perform(get("/api/v1/lessons/" + lesson).with(actor(parent))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/lessons/" + lesson + "/progress").with(actor(parent)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"positionSeconds\":30,\"watchedSeconds\":30}"))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/homeschool/recommendations?classId=" + classId).with(actor(teacher)))
                .andExpect(jsonPath("$[?(@.recommendation.lessonId == %d)].students[?(@.studentId == %d)].watched"
                        .formatted(lesson, child)).value(hasItem(true)))
                .andExpect(jsonPath("$[?(@.recommendation.lessonId == %d)].students[?(@.studentId == %d)].seconds"
                        .formatted(lesson, child)).value(hasItem(30)));

        // another school's parent: neither the lesson nor the class's list
        mvc.perform(get("/api/v1/lessons/" + lesson).with(actor(otherParent))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/recommendations?studentId=" + child).with(actor(otherParent)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/recommendations?classId=" + classId).with(actor(otherParent)))
                .andExpect(status().isForbidden());

        // a lesson made private stops being watchable through the recommendation
        jdbc.sql("update lib_lesson set visibility = 'PRIVATE' where id = ?").param(lesson).update();
        mvc.perform(get("/api/v1/lessons/" + lesson).with(actor(parent))).andExpect(status().isNotFound());
    }
}
