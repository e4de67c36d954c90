package org.ketang.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

@IntegrationTest
class SignInApiTests {

    static final String PASSWORD = "correct-horse-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signInGivesATokenThatWorksForTheApi() throws Exception {
        String user = newTeacher(7L);
        String token = token(user, PASSWORD);
        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user))
                .andExpect(jsonPath("$.schoolId").value(7))
                .andExpect(jsonPath("$.roles[0]").value("TEACHER"))
                .andExpect(jsonPath("$.permissions").isArray());
    }

    @Test
    void signInByPhoneNumberWorksToo() throws Exception {
        String phone = "139" + (10_000_000 + (int) (Math.random() * 89_999_999));
        accounts.create(new UserAccounts.NewAccount("p" + phone, phone, "家长", PASSWORD, 1L, Set.of("PARENT"), false));
        login(phone, PASSWORD, ip()).andExpect(status().isOk()).andExpect(jsonPath("$.user.username").value("p" + phone));
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        String user = newTeacher(1L);
        String ip = ip();
        login(user, "wrong-password", ip).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/bad-credentials"))
                .andExpect(jsonPath("$.detail").value("用户名或密码错误"))
                .andExpect(jsonPath("$.detailEn").value("Wrong username or password"));
        login("nobody-" + user, "whatever", ip).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/bad-credentials"));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightPassword() throws Exception {
        String user = newTeacher(1L);
        String ip = ip();
        for (int i = 0; i < 4; i++) {
            login(user, "wrong-" + i, ip).andExpect(status().isUnauthorized());
        }
        login(user, "wrong-5", ip).andExpect(status().isLocked())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/account-locked"))
                .andExpect(jsonPath("$.retryAfterSeconds").isNumber());
        login(user, PASSWORD, ip).andExpect(status().isLocked());
        assertThat(auditCount("auth.locked", user)).isEqualTo(1);
    }

    @Test
    void oneAddressTryingManyAccountsIsSlowedDown() throws Exception {
        String ip = ip();
        int refused = 0;
        for (int i = 0; i < 21; i++) {
            int status = login("guess" + i + "-" + UUID.randomUUID(), "x", ip).andReturn().getResponse().getStatus();
            if (status == 429) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(1);
        login("another", "x", ip).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/too-many-attempts"));
    }

    @Test
    void passwordsAreStoredHashed() throws Exception {
        String user = newTeacher(1L);
        String hash = jdbc.sql("select password_hash from user_account where username = :u").param("u", user)
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
    }

    @Test
    void sessionCookieRequestsNeedTheCsrfHeader() throws Exception {
        String user = newTeacher(1L);
        MockHttpSession session = (MockHttpSession) login(user, PASSWORD, ip()).andExpect(status().isOk())
                .andReturn().getRequest().getSession();
        mvc.perform(get("/api/v1/auth/me").session(session)).andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value(user));
        String change = "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a-new-password-2\"}";
        mvc.perform(post("/api/v1/auth/password").session(session).contentType(MediaType.APPLICATION_JSON).content(change))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/auth/password").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(change)).andExpect(status().isNoContent());
        login(user, "a-new-password-2", ip()).andExpect(status().isOk());
    }

    @Test
    void changingPasswordNeedsTheCurrentOneAndALongEnoughNewOne() throws Exception {
        String user = newTeacher(1L);
        String token = token(user, PASSWORD);
        changePassword(token, "not-it", "long-enough-pw").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/wrong-password"));
        changePassword(token, PASSWORD, "short").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/validation"));
        login(user, PASSWORD, ip()).andExpect(status().isOk());
    }

    @Test
    void logoutRevokesTheToken() throws Exception {
        String token = token(newTeacher(1L), PASSWORD);
        mvc.perform(post("/api/v1/auth/logout").header("Authorization", "Bearer " + token))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anApiCallWithoutSigningInIsA401Problem() throws Exception {
        mvc.perform(get("/api/v1/auth/me")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/unauthenticated"))
                .andExpect(jsonPath("$.detail").value("请先登录"));
        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer kt_forged"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aMalformedLoginRequestIsA400Problem() throws Exception {
        mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).content("{\"username\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/validation"));
        mvc.perform(post("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).content("{\"username\":\"\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors").isArray());
    }

    @Test
    void aDisabledAccountCannotSignIn() throws Exception {
        String user = newTeacher(1L);
        jdbc.sql("update user_account set enabled = false where username = :u").param("u", user).update();
        login(user, PASSWORD, ip()).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/account-disabled"));
    }

    @Test
    void theFirstStartCreatesAnAdminWhoMustChangeTheGeneratedPassword() {
        var admin = accounts.findByUsername("admin").orElseThrow();
        assertThat(admin.roles()).containsExactly("DISTRICT_ADMIN");
        assertThat(admin.schoolId()).isNull();
        assertThat(jdbc.sql("select must_change_password from user_account where username = 'admin'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void signInsAndFailuresAreAudited() throws Exception {
        String user = newTeacher(3L);
        login(user, "wrong", ip());
        login(user, PASSWORD, ip());
        assertThat(jdbc.sql("select outcome from audit_entry where action = 'auth.sign-in' and actor_name = :u order by id")
                .param("u", user).query(String.class).list()).containsExactly("FAILURE", "SUCCESS");
        assertThat(jdbc.sql("select school_id from audit_entry where action = 'auth.sign-in' and actor_name = :u")
                .param("u", user).query(Long.class).list()).containsOnly(3L);
    }

    // --- helpers ---

    String newTeacher(Long school) {
        String username = "t" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.NewAccount(username, null, "老师", PASSWORD, school, Set.of("TEACHER"), false));
        return username;
    }

    org.springframework.test.web.servlet.ResultActions login(String user, String password, String ip) throws Exception {
        return mvc.perform(post("/api/v1/auth/login").with(from(ip)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"));
    }

    String token(String user, String password) throws Exception {
        String body = login(user, password, ip()).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$.token");
    }

    org.springframework.test.web.servlet.ResultActions changePassword(String token, String current, String proposed)
            throws Exception {
        MockHttpServletRequestBuilder request = post("/api/v1/auth/password").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + proposed + "\"}");
        return mvc.perform(request);
    }

    long auditCount(String action, String user) {
        return jdbc.sql("select count(*) from audit_entry where action = :a and actor_name = :u").param("a", action)
                .param("u", user).query(Long.class).single();
    }

    /** Each test signs in from its own address, so that the per-address rate limit of one test spares the others. */
    static String ip() {
        return "10.0." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    static RequestPostProcessor from(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }
}
