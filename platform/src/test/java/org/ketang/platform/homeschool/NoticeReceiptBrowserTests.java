package org.ketang.platform.homeschool;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The head teacher sends a notice from the PC portal; the parent, on a phone, sees the unread badge, opens and
 * confirms it; the teacher's receipt list turns to read and confirmed without a reload. And the installed app
 * opens its shell without a network.
 */
class NoticeReceiptBrowserTests extends BrowserTest {

    @Test
    void aParentOpeningANoticeUpdatesTheTeachersReceiptsLive() {
        String title = "春游通知 " + System.nanoTime();
        Page teacher = newPage();
        signIn(teacher, "ht1");
        teacher.waitForURL("**/portal**");
        teacher.getByTestId("portal-nav-notices").click();
        assertThat(teacher.getByTestId("notices-page")).isVisible();
        teacher.getByTestId("notice-classes").click();
        teacher.locator(".el-select-dropdown__item").filter(new Locator.FilterOptions().setHasText("七年级1班")).first().click();
        teacher.getByTestId("notice-title-input").fill(title);
        teacher.getByTestId("notice-body-input").fill("周五上午九点出发，请带好水杯和雨具。");
        teacher.getByTestId("notice-confirm-required").click();
        teacher.getByTestId("notice-send").click();
        assertThat(teacher.getByTestId("notice-receipts")).containsText(title);
        assertThat(teacher.getByTestId("receipts-read-count")).containsText("已读 0/");

        Page parent = newPage(390, 844);
        signIn(parent, "p1");
        parent.waitForURL("**/m**");
        assertThat(parent.getByTestId("tab-notices").locator(".van-badge")).isVisible();
        parent.getByTestId("tab-notices").click();
        Locator item = parent.getByTestId("notice-list").getByText(title);
        assertThat(item).isVisible();
        screenshot(parent, "homeschool-parent-notices");
        item.click();
        assertThat(parent.getByTestId("notice-title")).hasText(title);

        // the teacher's screen follows without a reload
        assertThat(teacher.getByTestId("receipts-read-count")).containsText("已读 1/");
        assertThat(teacher.getByTestId("receipts-confirmed-count")).containsText("已确认 0/");

        parent.getByTestId("notice-confirm").click();
        assertThat(parent.getByTestId("notice-confirmed")).isVisible();
        screenshot(parent, "homeschool-parent-notice-confirmed");
        assertThat(teacher.getByTestId("receipts-confirmed-count")).containsText("已确认 1/");
        assertThat(teacher.locator("[data-testid^=receipt-][data-read=true]")).hasCount(1);
        screenshot(teacher, "homeschool-teacher-receipts");

        // back on the list the notice is read and the badge is gone
        parent.getByTestId("notice-back").click();
        assertThat(parent.getByTestId("notice-list")).isVisible();
        assertThat(parent.getByTestId("tab-notices").locator(".van-badge")).hasCount(0);
    }

    @Test
    void theInstalledAppOpensItsShellOffline() {
        Page page = newPage(390, 844);
        com.microsoft.playwright.APIResponse manifest = page.request().get("/manifest.webmanifest");
        org.assertj.core.api.Assertions.assertThat(manifest.status()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(manifest.text()).contains("\"start_url\": \"/m\"");
        org.assertj.core.api.Assertions.assertThat(page.request().get("/icons/icon-512.png").status()).isEqualTo(200);

        signIn(page, "p1");
        page.waitForURL("**/m**");
        // the service worker takes over the page (it claims its clients once installed)
        page.waitForFunction("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null");
        page.context().setOffline(true);
        page.reload();
        // no network: the app itself still opens (the data behind it needs the network and says so)
        assertThat(page.locator("#app")).not().isEmpty();
        assertThat(page.getByRole(AriaRole.BUTTON).first()).isVisible();
        screenshot(page, "homeschool-offline-shell");
        page.context().setOffline(false);
    }
}
