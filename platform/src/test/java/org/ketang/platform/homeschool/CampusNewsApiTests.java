package org.ketang.platform.homeschool;

import static org.hamcrest.Matchers.hasSize;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;

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

import com.jayway.jsonpath.JsonPath;

/** Campus news: the school posts pictures, its families read them; another school's families see neither post nor file. */
@IntegrationTest
class CampusNewsApiTests {

    @Autowired MockMvc mvc;
    @Autowired Organization organization;
    @Autowired UserAccounts accounts;

    @Test
    void aSchoolsFamiliesReadItsNewsAndNobodyElse() throws Exception {
        LocalDate today = LocalDate.now();
        TestSchool school = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        TestSchool other = new TestSchool(organization, accounts, today.minusDays(60), today.plusDays(60), true);
        Actor admin = school.admin();
        Actor parent1 = school.actor(school.parent1User, BuiltInRole.PARENT);
        Actor stranger = other.actor(other.parent1User, BuiltInRole.PARENT);
        Actor wang = school.actor(school.wangUser, BuiltInRole.TEACHER);

        String photo = HomeschoolUploads.upload(mvc, admin, "运动会.png", HomeschoolUploads.PNG);
        mvc.perform(post("/api/v1/homeschool/news").with(actor(admin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"秋季运动会\",\"body\":\"七年级包揽接力冠军\",\"attachments\":[\"" + photo + "\"]}"))
                .andExpect(status().isCreated());
        // a class teacher does not speak for the whole school
        mvc.perform(post("/api/v1/homeschool/news").with(actor(wang)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"x\",\"body\":\"x\"}")).andExpect(status().isForbidden());

        String feed = mvc.perform(get("/api/v1/homeschool/news").with(actor(parent1)))
                .andExpect(jsonPath("$[0].title").value("秋季运动会")).andExpect(jsonPath("$[0].attachments[0].kind").value("IMAGE"))
                .andReturn().getResponse().getContentAsString();
        long file = ((Number) JsonPath.read(feed, "$[0].attachments[0].id")).longValue();
        mvc.perform(get("/api/v1/homeschool/attachments/" + file).with(actor(parent1))).andExpect(status().isOk());

        mvc.perform(get("/api/v1/homeschool/news").with(actor(stranger)))
                .andExpect(jsonPath("$[?(@.title == '秋季运动会')]", hasSize(0)));
        mvc.perform(get("/api/v1/homeschool/attachments/" + file).with(actor(stranger))).andExpect(status().isNotFound());
    }
}
