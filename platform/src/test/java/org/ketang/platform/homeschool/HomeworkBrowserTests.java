package org.ketang.platform.homeschool;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;

/**
 * Homework on phones: the head teacher assigns, the parent (told at once) hands in an answer with a photo, the
 * teacher grades it and the parent's page shows the grade by itself.
 */
class HomeworkBrowserTests extends BrowserTest {

    @Test
    void aParentHandsInAPhotoTheTeacherGradesItAndTheParentSeesTheGrade() {
        String title = "口算练习 " + System.nanoTime();
        Page teacher = newPage(390, 844);
        signIn(teacher, "ht1");
        teacher.waitForURL("**/portal**");
        Page parent = newPage(390, 844);
        signIn(parent, "p1");
        parent.waitForURL("**/m**");
        assertThat(parent.locator("[data-testid^=homework-open-]").first()).isVisible();

        teacher.navigate("/m/homework");
        teacher.getByTestId("homework-class").selectOption(new SelectOption().setLabel("七年级1班"));
        teacher.getByTestId("homework-new").click();
        teacher.getByTestId("homework-title").locator("input").fill(title);
        teacher.getByTestId("homework-subject").locator("input").fill("数学");
        teacher.getByTestId("homework-body").locator("textarea").fill("完成第 3 页，拍照上传");
        teacher.getByTestId("homework-assign").click();
        Locator assigned = teacher.getByTestId("homework-list").locator("[data-testid^=homework-]")
                .filter(new Locator.FilterOptions().setHasText(title));
        assertThat(assigned).hasCount(1);

        // the parent is told over the notification channel while on the home page
        assertThat(parent.locator(".van-notify")).containsText(title);
        parent.locator("[data-testid^=homework-open-]").first().click();
        parent.getByTestId("homework-list").locator(".van-cell").filter(new Locator.FilterOptions().setHasText(title)).click();
        assertThat(parent.getByTestId("homework-heading")).containsText(title);
        parent.getByTestId("submit-body").locator("textarea").fill("做完了，请老师检查");
        parent.getByTestId("attachment-input").setInputFiles(new FilePayload("作业.png", "image/png", HomeschoolUploads.PNG));
        assertThat(parent.getByTestId("attachment-item-0")).containsText("✓");
        parent.getByTestId("submit-send").click();
        assertThat(parent.getByTestId("submission-state")).hasText("已提交，待批改");
        assertThat(parent.getByTestId("my-submission").locator("img")).hasCount(1);
        screenshot(parent, "homeschool-homework-parent-submitted");

        assigned.click();
        Locator handedIn = teacher.getByTestId("overview").locator("[data-testid^=standing-tag-]")
                .filter(new Locator.FilterOptions().setHasText("已提交"));
        assertThat(handedIn).hasCount(1);
        handedIn.click();
        teacher.getByTestId("review-grade").locator("input").fill("A+");
        teacher.getByTestId("review-comment").locator("textarea").fill("书写工整，全对");
        teacher.getByTestId("review-save").click();
        assertThat(teacher.getByTestId("overview").locator("[data-testid^=standing-tag-]")
                .filter(new Locator.FilterOptions().setHasText("已批改"))).hasCount(1);
        screenshot(teacher, "homeschool-homework-teacher-overview");

        // the parent's open page follows by itself
        assertThat(parent.getByTestId("submission-grade")).hasText("A+");
        assertThat(parent.getByTestId("submission-comment")).hasText("书写工整，全对");
        assertThat(parent.getByTestId("submission-state")).hasText("已批改");
        screenshot(parent, "homeschool-homework-parent-graded");
    }
}
