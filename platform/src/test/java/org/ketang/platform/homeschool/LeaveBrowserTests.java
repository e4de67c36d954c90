package org.ketang.platform.homeschool;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;

/** A parent asks for a day of leave on the phone; the head teacher approves it and the child shows up in attendance. */
class LeaveBrowserTests extends BrowserTest {

    @Test
    void aLeaveRequestIsApprovedAndShowsUpInAttendance() {
        String monday = LocalDate.now().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).toString();
        String reason = "发烧，去医院复查 " + System.nanoTime();
        Page parent = newPage(390, 844);
        signIn(parent, "p1");
        parent.waitForURL("**/m**");
        String child = parent.locator("[data-testid^=child-] .van-cell__title").first().innerText().trim().split("\n")[0].trim();
        parent.locator("[data-testid^=leave-ask-]").first().click();
        assertThat(parent.getByTestId("leave-form")).isVisible();
        parent.getByTestId("leave-from").fill(monday);
        parent.getByTestId("leave-to").fill(monday);
        parent.getByTestId("leave-reason").locator("textarea").fill(reason);
        parent.getByTestId("leave-submit").click();
        Locator mine = parent.getByTestId("leave-list").locator("[data-testid^=leave-]")
                .filter(new Locator.FilterOptions().setHasText(reason));
        assertThat(mine.locator("[data-testid^=leave-state-]")).hasText("待审批");
        screenshot(parent, "homeschool-leave-parent");

        Page teacher = newPage(390, 844);
        signIn(teacher, "ht1");
        teacher.waitForURL("**/portal**");
        teacher.navigate("/m/leave");
        teacher.getByTestId("leave-class").selectOption(new SelectOption().setLabel("七年级1班"));
        Locator request = teacher.getByTestId("leave-list").locator("[data-testid^=leave-]")
                .filter(new Locator.FilterOptions().setHasText(reason));
        request.locator("[data-testid^=leave-approve-]").click();
        assertThat(request.locator("[data-testid^=leave-state-]")).hasText("已批准");

        teacher.getByTestId("attendance-day").fill(monday);
        assertThat(teacher.getByTestId("attendance").locator("[data-testid^=absence-]").first()).containsText(child);
        screenshot(teacher, "homeschool-leave-attendance");

        // the parent's list follows by itself
        assertThat(mine.locator("[data-testid^=leave-state-]")).hasText("已批准");
    }
}
