package org.ketang.platform.library;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.media.TestVideos;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * A teacher uploads a lesson through the upload page, finds it by a Chinese word and watches it play; a student
 * of the other school cannot open it.
 */
class LessonUploadBrowserTests extends BrowserTest {

    @Autowired
    UserAccounts accounts;

    @Test
    void teacherUploadsFindsAndWatchesALesson() {
        Path video = TestVideos.clip(640, 360, 30);

        Page page = newPage();
        signIn(page, "t1");
        page.waitForURL("**/portal**");
        page.navigate("/portal/upload");
        page.getByTestId("upload-file").setInputFiles(video);
        page.getByTestId("upload-title").fill("勾股定理 浏览器示范课");
        page.getByTestId("upload-start").click();
        assertThat(page.getByTestId("upload-progress")).isVisible();
        assertThat(page.getByTestId("upload-done")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions
                .IsVisibleOptions().setTimeout(120_000));
        // processing goes on while the page shows its progress; the link appears once the lesson plays
        Locator link = page.getByTestId("lesson-link");
        assertThat(link).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                .setTimeout(180_000));
        screenshot(page, "upload-done");

        page.navigate("/portal/library");
        page.getByTestId("library-search").fill("勾股");
        page.getByTestId("library-search-submit").click();
        Locator hit = page.locator("[data-testid^=search-hit-]").filter(new Locator.FilterOptions()
                .setHasText("浏览器示范课"));
        assertThat(hit).hasCount(1);
        screenshot(page, "search-hit");
        String lessonId = hit.getAttribute("data-testid").substring("search-hit-".length());

        page.navigate("/portal/lessons/" + lessonId);
        Locator video1 = page.getByTestId("player-video");
        assertThat(video1).isVisible();
        page.waitForFunction("() => { const v = document.querySelector('[data-testid=player-video]');"
                + " if (v.paused) { v.play().catch(() => {}); } return v.currentTime > 2.5; }", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000).setPollingInterval(250));
        screenshot(page, "player");

        // a student of 实验中学 (school 2) cannot open a school-only lesson of 第一中学
        String student = "s-other-" + lessonId;
        accounts.create(new UserAccounts.NewAccount(student, null, "实验中学学生", DEMO_PASSWORD, 2L, Set.of("STUDENT"),
                false));
        Page other = newPage();
        signIn(other, student);
        other.waitForURL("**/portal**");
        assertThat(other.request().get("/api/v1/lessons/" + lessonId + "/playback").status()).isEqualTo(404);
        other.navigate("/portal/lessons/" + lessonId);
        assertThat(other.getByTestId("player-video")).hasCount(0);
    }
}
