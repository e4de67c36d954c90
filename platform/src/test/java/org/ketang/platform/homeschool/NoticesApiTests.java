package org.ketang.platform.homeschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

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

/** Notices: who may send to whom, what parents see, receipts, reminders and the unread badge. */
@IntegrationTest
class NoticesApiTests {

    @Autowired MockMvc mvc;
    @Autowired Organization organization;
    @Autowired UserAccounts accounts;

    TestSchool school;
    Actor headTeacher;
    Actor zhao;
    Actor parent1;
    Actor parent3;

    @BeforeEach
    void school() {
        LocalDate today = LocalDate.now();
        school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        headTeacher = school.actor(school.liUser, BuiltInRole.TEACHER, BuiltInRole.HEAD_TEACHER);
        zhao = school.actor(school.zhaoUser, BuiltInRole.TEACHER);
        parent1 = school.actor(school.parent1User, BuiltInRole.PARENT);
        parent3 = school.actor(school.parent3User, BuiltInRole.PARENT);
    }

    ResultActions send(Actor by, String audienceJson, boolean confirm) throws Exception {
        return mvc.perform(post("/api/v1/homeschool/notices").with(actor(by)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"title":"春游通知","body":"周五春游，请带好水杯。","confirmRequired":%s,"audience":%s}"""
                        .formatted(confirm, audienceJson)));
    }

    long sendToClass1(boolean confirm) throws Exception {
        String body = send(headTeacher, "{\"kind\":\"CLASSES\",\"classIds\":[" + school.class1 + "]}", confirm)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    @Test
    void aClassNoticeReachesOnlyThatClasssParentsWithAnUnreadBadge() throws Exception {
        long id = sendToClass1(false);

        mvc.perform(get("/api/v1/homeschool/unread").with(actor(parent1))).andExpect(jsonPath("$.notices").value(1));
        mvc.perform(get("/api/v1/homeschool/notices").with(actor(parent1)))
                .andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].title").value("春游通知"))
                .andExpect(jsonPath("$[0].readAt").value(nullValue()));
        // the parent in 2班 gets nothing and cannot open it
        mvc.perform(get("/api/v1/homeschool/unread").with(actor(parent3))).andExpect(jsonPath("$.notices").value(0));
        mvc.perform(get("/api/v1/homeschool/notices/" + id).with(actor(parent3))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/read").with(actor(parent3)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void readingAndConfirmingShowUpInTheSendersReceipts() throws Exception {
        long id = sendToClass1(true);
        mvc.perform(get("/api/v1/homeschool/notices/" + id + "/receipts").with(actor(headTeacher)))
                .andExpect(jsonPath("$.notice.recipients").value(1)).andExpect(jsonPath("$.notice.read").value(0))
                .andExpect(jsonPath("$.recipients[0].name").value("张伟（张小明父亲）"));

        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/read").with(actor(parent1)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.readAt").value(notNullValue()));
        mvc.perform(get("/api/v1/homeschool/unread").with(actor(parent1))).andExpect(jsonPath("$.notices").value(0));
        mvc.perform(get("/api/v1/homeschool/notices/" + id + "/receipts").with(actor(headTeacher)))
                .andExpect(jsonPath("$.notice.read").value(1)).andExpect(jsonPath("$.notice.confirmed").value(0));

        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/confirm").with(actor(parent1)).with(csrf()))
                .andExpect(jsonPath("$.confirmedAt").value(notNullValue()));
        mvc.perform(get("/api/v1/homeschool/notices/sent").with(actor(headTeacher)))
                .andExpect(jsonPath("$[0].id").value(id)).andExpect(jsonPath("$[0].confirmed").value(1));
    }

    @Test
    void aReminderGoesToThoseWhoHaveNotReadYet() throws Exception {
        long id = sendToClass1(false);
        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/remind").with(actor(headTeacher)).with(csrf()))
                .andExpect(jsonPath("$.reminded").value(1));
        mvc.perform(get("/api/v1/homeschool/notices/" + id + "/receipts").with(actor(headTeacher)))
                .andExpect(jsonPath("$.recipients[0].remindedAt").value(notNullValue()));
        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/read").with(actor(parent1)).with(csrf()));
        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/remind").with(actor(headTeacher)).with(csrf()))
                .andExpect(jsonPath("$.reminded").value(0));
    }

    @Test
    void aNoticeWithoutConfirmationCannotBeConfirmed() throws Exception {
        long id = sendToClass1(false);
        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/confirm").with(actor(parent1)).with(csrf()))
                .andExpect(status().isConflict());
    }

    @Test
    void aTeacherSendsOnlyToTheirOwnClasses() throws Exception {
        // 赵敏 teaches 1班 only
        send(zhao, "{\"kind\":\"CLASSES\",\"classIds\":[" + school.class2 + "]}", false).andExpect(status().isNotFound());
        send(zhao, "{\"kind\":\"CLASSES\",\"classIds\":[" + school.class1 + "]}", false).andExpect(status().isCreated());
        // the whole school is for the school's staff
        send(zhao, "{\"kind\":\"SCHOOL\"}", false).andExpect(status().isForbidden());
        send(school.admin(), "{\"kind\":\"SCHOOL\"}", false).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/homeschool/unread").with(actor(parent3))).andExpect(jsonPath("$.notices").value(1));
        mvc.perform(get("/api/v1/homeschool/notice-targets").with(actor(zhao)))
                .andExpect(jsonPath("$.wholeSchool").value(false)).andExpect(jsonPath("$.classes", hasSize(1)));
    }

    @Test
    void parentsCannotSendOrSeeReceipts() throws Exception {
        long id = sendToClass1(false);
        send(parent1, "{\"kind\":\"CLASSES\",\"classIds\":[" + school.class1 + "]}", false).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/homeschool/notices/" + id + "/receipts").with(actor(parent1)))
                .andExpect(status().isForbidden());
        // another teacher of the class did not send it and is not school staff
        mvc.perform(get("/api/v1/homeschool/notices/" + id + "/receipts").with(actor(zhao)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/homeschool/notices/" + id + "/remind").with(actor(zhao)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void chosenParentsMustBeWithinReach() throws Exception {
        send(zhao, "{\"kind\":\"STUDENTS\",\"studentIds\":[" + school.student3 + "]}", false)
                .andExpect(status().isNotFound());
        send(zhao, "{\"kind\":\"STUDENTS\",\"studentIds\":[" + school.student1 + "]}", false)
                .andExpect(status().isCreated());
        assertThat(accounts.findByUsername("nobody-" + school.tag)).isEmpty();
    }
}
