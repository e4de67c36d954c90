package org.ketang.platform.homeschool;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

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

/** Chat: who may talk to whom, message states, paged history, withdrawal and the class group's moderator. */
@IntegrationTest
class ChatApiTests {

    @Autowired MockMvc mvc;
    @Autowired Organization organization;
    @Autowired UserAccounts accounts;

    TestSchool school;
    Actor wang;
    Actor zhao;
    Actor li;
    Actor parent1;
    Actor parent2;
    Actor parent3;

    @BeforeEach
    void school() {
        LocalDate today = LocalDate.now();
        school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        wang = school.actor(school.wangUser, BuiltInRole.TEACHER);
        zhao = school.actor(school.zhaoUser, BuiltInRole.TEACHER);
        li = school.actor(school.liUser, BuiltInRole.TEACHER, BuiltInRole.HEAD_TEACHER);
        parent1 = school.actor(school.parent1User, BuiltInRole.PARENT);
        parent3 = school.actor(school.parent3User, BuiltInRole.PARENT);
        // a second parent in 1班, of 刘洋
        long p2 = accounts.create(new UserAccounts.NewAccount("p2" + school.tag, null, "p2", "password-" + school.tag,
                school.id, Set.of("PARENT"), false));
        organization.addGuardian(p2, "刘芳", null, Map.of(school.student2, "母亲"));
        parent2 = school.actor(p2, BuiltInRole.PARENT);
    }

    long id(ResultActions result) throws Exception {
        return ((Number) JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }

    ResultActions open(Actor by, long other) throws Exception {
        return mvc.perform(post("/api/v1/homeschool/conversations/direct").with(actor(by)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"userId\":" + other + "}"));
    }

    ResultActions say(Actor by, long conversation, String text) throws Exception {
        return mvc.perform(post("/api/v1/homeschool/conversations/" + conversation + "/messages").with(actor(by)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"" + text + "\"}"));
    }

    ResultActions ack(Actor by, long conversation, String what, long upTo) throws Exception {
        return mvc.perform(post("/api/v1/homeschool/conversations/" + conversation + "/" + what).with(actor(by)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"upTo\":" + upTo + "}"));
    }

    @Test
    void aParentAndTheirChildsTeacherChatAndTheSenderSeesSentDeliveredRead() throws Exception {
        long c = id(open(parent1, school.wangUser).andExpect(status().isOk()));
        // the teacher opening the same pair gets the same conversation
        org.assertj.core.api.Assertions.assertThat(id(open(wang, school.parent1User))).isEqualTo(c);
        long m = id(say(parent1, c, "王老师好，孩子今天发烧了").andExpect(status().isCreated()));

        mvc.perform(get("/api/v1/homeschool/conversations/" + c + "/messages").with(actor(parent1)))
                .andExpect(jsonPath("$[0].state").value("SENT"));
        mvc.perform(get("/api/v1/homeschool/conversations/unread").with(actor(wang))).andExpect(jsonPath("$.messages").value(1));
        ack(wang, c, "delivered", m).andExpect(status().isOk());
        mvc.perform(get("/api/v1/homeschool/conversations/" + c + "/messages").with(actor(parent1)))
                .andExpect(jsonPath("$[0].state").value("DELIVERED"));
        ack(wang, c, "read", m);
        mvc.perform(get("/api/v1/homeschool/conversations/" + c + "/messages").with(actor(parent1)))
                .andExpect(jsonPath("$[0].state").value("READ"));
        mvc.perform(get("/api/v1/homeschool/conversations").with(actor(wang)))
                .andExpect(jsonPath("$[0].unread").value(0)).andExpect(jsonPath("$[0].lastMessage").value("王老师好，孩子今天发烧了"));
    }

    @Test
    void historyComesInPagesNewestFirst() throws Exception {
        long c = id(open(wang, school.parent1User));
        for (int i = 1; i <= 5; i++) {
            say(i % 2 == 0 ? wang : parent1, c, "第" + i + "条");
        }
        String page = mvc.perform(get("/api/v1/homeschool/conversations/" + c + "/messages?limit=2").with(actor(parent1)))
                .andExpect(jsonPath("$", hasSize(2))).andExpect(jsonPath("$[0].body").value("第5条"))
                .andReturn().getResponse().getContentAsString();
        long oldest = ((Number) JsonPath.read(page, "$[1].id")).longValue();
        mvc.perform(get("/api/v1/homeschool/conversations/" + c + "/messages?limit=10&before=" + oldest).with(actor(parent1)))
                .andExpect(jsonPath("$", hasSize(3))).andExpect(jsonPath("$[2].body").value("第1条"));
    }

    @Test
    void aParentCannotReadOrWriteAnotherFamilysConversation() throws Exception {
        long c = id(open(parent1, school.wangUser));
        say(parent1, c, "私事");
        mvc.perform(get("/api/v1/homeschool/conversations/" + c + "/messages").with(actor(parent3))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/conversations/" + c).with(actor(parent3))).andExpect(status().isNotFound());
        say(parent3, c, "偷看").andExpect(status().isNotFound());
        ack(parent3, c, "read", 1).andExpect(status().isNotFound());
        // nor reach a teacher who does not teach their child (赵敏 teaches only 1班)
        open(parent3, school.zhaoUser).andExpect(status().isNotFound());
    }

    @Test
    void parentsCannotChatPrivatelyUnlessTheSchoolAllowsIt() throws Exception {
        open(parent1, parent2.userId()).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/parent-chat-closed"));
        open(parent1, parent3.userId()).andExpect(status().isNotFound());
    }

    @Test
    void aWithdrawnMessageStaysAsAPlaceholder() throws Exception {
        long c = id(open(parent1, school.wangUser));
        long m = id(say(parent1, c, "发错了"));
        mvc.perform(delete("/api/v1/homeschool/messages/" + m).with(actor(wang)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/homeschool/messages/" + m).with(actor(parent1)).with(csrf())).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/homeschool/conversations/" + c + "/messages").with(actor(wang)))
                .andExpect(jsonPath("$", hasSize(1))).andExpect(jsonPath("$[0].withdrawn").value(true))
                .andExpect(jsonPath("$[0].body").value(nullValue()));
        mvc.perform(get("/api/v1/homeschool/conversations").with(actor(wang)))
                .andExpect(jsonPath("$[0].lastMessage").value("消息已撤回"));
    }

    @Test
    void theHeadTeacherModeratesTheClassGroup() throws Exception {
        long g = id(mvc.perform(post("/api/v1/homeschool/conversations/class/" + school.class1).with(actor(parent1)).with(csrf()))
                .andExpect(status().isOk()));
        long m = id(say(parent2, g, "大家好"));
        mvc.perform(get("/api/v1/homeschool/conversations/" + g).with(actor(li))).andExpect(jsonPath("$.moderator").value(true));
        // another parent may not withdraw it, the head teacher may
        mvc.perform(delete("/api/v1/homeschool/messages/" + m).with(actor(parent1)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/homeschool/messages/" + m).with(actor(li)).with(csrf())).andExpect(status().isNoContent());
        // a parent of 2班 cannot join 1班's group
        mvc.perform(post("/api/v1/homeschool/conversations/class/" + school.class1).with(actor(parent3)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/homeschool/conversations/" + g + "/messages").with(actor(parent3))).andExpect(status().isNotFound());
    }

    @Test
    void contactsAreTheChildsTeachersAndTheClassGroup() throws Exception {
        mvc.perform(get("/api/v1/homeschool/contacts").with(actor(parent3)))
                .andExpect(jsonPath("$[0].kind").value("CLASS_GROUP"))
                .andExpect(jsonPath("$[?(@.userId == " + school.zhaoUser + ")]").isEmpty())
                .andExpect(jsonPath("$[?(@.userId == " + school.wangUser + ")]").isNotEmpty());
    }
}
