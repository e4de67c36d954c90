package org.ketang.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.ketang.platform.identity.ActingAs.withRoles;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class RolesApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    final Actor districtAdmin = withRoles(1, "admin", null, BuiltInRole.DISTRICT_ADMIN);
    final Actor schoolAdmin = withRoles(2, "sadmin1", 1L, BuiltInRole.SCHOOL_ADMIN);

    @Test
    void adminDefinesACustomRoleAndGivesItToSomeone() throws Exception {
        String code = code();
        mvc.perform(post("/api/v1/roles").with(actor(districtAdmin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(role(code, "SCHOOL", "LESSON_VIEW", "PATROL")))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.builtIn").value(false));
        long user = accounts.create(new UserAccounts.NewAccount("u" + code.toLowerCase(), null, "值周老师", "password-1",
                1L, Set.of("TEACHER"), false));
        mvc.perform(put("/api/v1/users/" + user + "/roles").with(actor(districtAdmin)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"TEACHER\",\"" + code + "\"]}"))
                .andExpect(status().isOk());
        assertThat(accounts.find(user).orElseThrow().roles()).containsExactlyInAnyOrder("TEACHER", code);
        assertThat(jdbc.sql("select count(*) from audit_entry where action in ('roles.created', 'roles.assigned')")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
        mvc.perform(get("/api/v1/roles").with(actor(districtAdmin)))
                .andExpect(jsonPath("$[?(@.code == '" + code + "')].permissions[*]").value(
                        org.hamcrest.Matchers.containsInAnyOrder("LESSON_VIEW", "PATROL")));
    }

    @Test
    void aRoleStillInUseCannotBeDeleted() throws Exception {
        String code = code();
        create(code, "SCHOOL", "LESSON_VIEW");
        long user = accounts.create(new UserAccounts.NewAccount("u" + code.toLowerCase(), null, "x", "password-1", 1L,
                Set.of(code), false));
        mvc.perform(delete("/api/v1/roles/" + code).with(actor(districtAdmin)).with(csrf()))
                .andExpect(status().isConflict());
        accounts.assignRoles(user, Set.of("TEACHER"), 1L);
        mvc.perform(delete("/api/v1/roles/" + code).with(actor(districtAdmin)).with(csrf()))
                .andExpect(status().isNoContent());
    }

    @Test
    void builtInRolesCannotBeChangedOrDeleted() throws Exception {
        mvc.perform(put("/api/v1/roles/TEACHER").with(actor(districtAdmin)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(role("TEACHER", "SCHOOL", "AUDIT_VIEW")))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/v1/roles/PARENT").with(actor(districtAdmin)).with(csrf()))
                .andExpect(status().isConflict());
    }

    @Test
    void theDevicePermissionIsNeverGivenToPeople() throws Exception {
        mvc.perform(post("/api/v1/roles").with(actor(districtAdmin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(role(code(), "SCHOOL", "DEVICE_AGENT"))).andExpect(status().isBadRequest());
        long user = accounts.create(new UserAccounts.NewAccount("u" + code().toLowerCase(), null, "x", "password-1", 1L,
                Set.of("TEACHER"), false));
        mvc.perform(put("/api/v1/users/" + user + "/roles").with(actor(districtAdmin)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"DEVICE\"]}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void nobodyGrantsAPermissionTheyDoNotHold() throws Exception {
        // A delegated role admin who may manage roles but not read the audit log.
        String delegate = code();
        create(delegate, "DISTRICT", "ROLES_MANAGE", "PEOPLE_VIEW");
        Actor roleAdmin = new Actor(99, "delegate", "delegate", null, Set.of(delegate),
                Set.of(Permission.ROLES_MANAGE, Permission.PEOPLE_VIEW), Set.of(ScopeLevel.DISTRICT));
        long user = accounts.create(new UserAccounts.NewAccount("u" + code().toLowerCase(), null, "x", "password-1", 1L,
                Set.of("TEACHER"), false));
        mvc.perform(put("/api/v1/users/" + user + "/roles").with(actor(roleAdmin)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"roles\":[\"DISTRICT_ADMIN\"]}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/roles").with(actor(roleAdmin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(role(code(), "SCHOOL", "AUDIT_VIEW"))).andExpect(status().isForbidden());
        assertThat(accounts.find(user).orElseThrow().roles()).containsExactly("TEACHER");
    }

    @Test
    void schoolAdminsAndTeachersCannotManageRoles() throws Exception {
        mvc.perform(get("/api/v1/roles").with(actor(schoolAdmin))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/permissions").with(actor(withRoles(3, "t1", 1L, BuiltInRole.TEACHER))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/roles").with(actor(schoolAdmin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(role(code(), "SCHOOL", "LESSON_VIEW"))).andExpect(status().isForbidden());
    }

    @Test
    void schoolAdminListsOnlyTheirSchoolsAccounts() throws Exception {
        String mine = "own" + code().toLowerCase();
        String theirs = "other" + code().toLowerCase();
        accounts.create(new UserAccounts.NewAccount(mine, null, "本校", "password-1", 1L, Set.of("TEACHER"), false));
        accounts.create(new UserAccounts.NewAccount(theirs, null, "外校", "password-1", 2L, Set.of("TEACHER"), false));
        mvc.perform(get("/api/v1/users").param("q", "own").with(actor(schoolAdmin))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == '" + mine + "')]").isNotEmpty());
        mvc.perform(get("/api/v1/users").param("q", theirs).with(actor(schoolAdmin)))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/v1/users").param("schoolId", "2").with(actor(schoolAdmin)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/users").param("q", theirs).with(actor(districtAdmin)))
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void schoolAdminSeesOnlyTheirSchoolsAuditEntries() throws Exception {
        jdbc.sql("insert into audit_entry (at, action, outcome, school_id, actor_name) values (current_timestamp, 'test.one', 'SUCCESS', 1, 'a')").update();
        jdbc.sql("insert into audit_entry (at, action, outcome, school_id, actor_name) values (current_timestamp, 'test.two', 'SUCCESS', 2, 'b')").update();
        mvc.perform(get("/api/v1/audit").param("action", "test.").with(actor(schoolAdmin))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].action").value(org.hamcrest.Matchers.contains("test.one")));
        mvc.perform(get("/api/v1/audit").param("schoolId", "2").with(actor(schoolAdmin)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit").param("action", "test.").with(actor(districtAdmin)))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/v1/audit").with(actor(withRoles(3, "t1", 1L, BuiltInRole.TEACHER))))
                .andExpect(status().isForbidden());
    }

    void create(String code, String scope, String... permissions) throws Exception {
        mvc.perform(post("/api/v1/roles").with(actor(districtAdmin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(role(code, scope, permissions))).andExpect(status().isCreated());
    }

    static String role(String code, String scope, String... permissions) {
        return "{\"code\":\"" + code + "\",\"nameZh\":\"值周\",\"nameEn\":\"Duty\",\"scope\":\"" + scope
                + "\",\"permissions\":[" + String.join(",", java.util.Arrays.stream(permissions).map(p -> "\"" + p + "\"").toList())
                + "]}";
    }

    static String code() {
        return "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
