package org.ketang.platform.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;

import com.microsoft.playwright.Page;

/** A parent lands on the phone app and can open neither the admin console nor its API. */
class ParentAccessBrowserTests extends BrowserTest {

    @Test
    void parentCannotOpenTheAdminConsole() {
        Page page = newPage(390, 844);
        signIn(page, "p1");
        page.waitForURL("**/m**");
        assertThat(page.getByTestId("parent-home")).isVisible();
        screenshot(page, "parent-home");

        page.navigate("/admin/timetable");
        page.waitForURL("**/forbidden**");
        assertThat(page.getByTestId("forbidden")).isVisible();

        // the server refuses too, with the parent's own session cookie
        assertThat(page.request().get("/api/v1/schools")).not().isOK();
        org.assertj.core.api.Assertions.assertThat(page.request().get("/api/v1/schools").status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(page.request().get("/api/v1/audit").status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(page.request().get("/api/v1/me/children").status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordShowsAClearMessageAndNoEntry() {
        Page page = newPage();
        page.navigate("/login");
        page.getByTestId("login-username").fill("t1");
        page.getByTestId("login-password").fill("not-the-password");
        page.getByTestId("login-submit").click();
        assertThat(page.getByTestId("login-error")).containsText("用户名或密码错误");
        org.assertj.core.api.Assertions.assertThat(page.url()).contains("/login");
    }

    @Test
    void teacherLandsOnThePortalWithTheirTimetable() {
        Page page = newPage();
        signIn(page, "t1");
        page.waitForURL("**/portal**");
        assertThat(page.getByTestId("timetable-grid")).containsText("数学");
        screenshot(page, "teacher-portal");
    }
}
