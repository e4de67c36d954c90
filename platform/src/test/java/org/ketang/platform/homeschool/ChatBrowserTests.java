package org.ketang.platform.homeschool;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * A parent and their child's teacher, each on a phone (two browser contexts), chat in real time: the parent's
 * message goes from 已发送 to 已读 when the teacher opens it, the reply arrives without a reload, and a
 * withdrawn message stays as "消息已撤回" on the other screen.
 */
class ChatBrowserTests extends BrowserTest {

    @Test
    void aParentAndATeacherChatWithReadStates() {
        String hello = "王老师您好，孩子今天有点咳嗽 " + System.nanoTime();
        Page parent = newPage(390, 844);
        signIn(parent, "p1");
        parent.waitForURL("**/m**");
        parent.getByTestId("tab-messages").click();
        parent.getByTestId("chat-list").locator("[data-testid^=contact-]").filter(new Locator.FilterOptions().setHasText("王芳"))
                .first().click();
        assertThat(parent.getByTestId("chat-page")).isVisible();
        parent.getByTestId("chat-input").locator("input").fill(hello);
        parent.getByTestId("chat-send").click();
        Locator mine = parent.getByTestId("chat-messages").locator("[data-testid^=message-]").filter(
                new Locator.FilterOptions().setHasText(hello));
        assertThat(mine.locator("[data-testid^=message-state-]")).hasText("已发送");

        Page teacher = newPage(390, 844);
        signIn(teacher, "t1");
        teacher.waitForURL("**/portal**");
        // on a phone the teacher opens the app directly (the PC portal links it as 家校消息)
        teacher.navigate("/m?tab=messages");
        Locator conversation = teacher.getByTestId("chat-list").locator("[data-testid^=conversation-]")
                .filter(new Locator.FilterOptions().setHasText(hello)).first();
        assertThat(conversation).isVisible();
        conversation.click();
        assertThat(teacher.getByTestId("chat-messages")).containsText(hello);

        // the parent's screen turns to 已读 by itself
        assertThat(mine.locator("[data-testid^=message-state-]")).hasText("已读");
        screenshot(parent, "homeschool-chat-parent-read");

        teacher.getByTestId("chat-input").locator("input").fill("收到，请多喝水，注意休息。");
        teacher.getByTestId("chat-send").click();
        assertThat(parent.getByTestId("chat-messages")).containsText("收到，请多喝水，注意休息。");

        // withdrawn, but never silently: both sides keep the place
        mine.locator("[data-testid^=message-withdraw-]").click();
        assertThat(teacher.getByTestId("chat-messages")).not().containsText(hello);
        assertThat(teacher.getByTestId("message-withdrawn").last()).containsText("消息已撤回");
        assertThat(parent.getByTestId("message-withdrawn").last()).containsText("消息已撤回");
        screenshot(teacher, "homeschool-chat-teacher");
    }
}
