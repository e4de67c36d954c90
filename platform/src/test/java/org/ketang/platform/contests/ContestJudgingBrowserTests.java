package org.ketang.platform.contests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;
import org.ketang.platform.contests.internal.Contest;
import org.ketang.platform.contests.internal.Contests;
import org.ketang.platform.contests.internal.Entries;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.library.LessonGrants;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.LessonMedia;
import org.ketang.platform.library.UploadFacts;
import org.ketang.platform.media.MediaLibrary;
import org.ketang.platform.media.TestVideos;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * A judge scores an entry while it plays: t1 (王芳, 第一中学) entered a PRIVATE lesson with a real video into a blind
 * contest; judge2 (实验中学) opens the task, the lesson plays through the contest's grant, a comment lands at the
 * player's time, the rubric is scored and handed in — and the page never shows the teacher or the school.
 */
class ContestJudgingBrowserTests extends BrowserTest {

    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired LessonIntake intake;
    @Autowired LessonMedia lessonMedia;
    @Autowired MediaLibrary media;
    @Autowired LessonGrants grants;
    @Autowired Contests contests;
    @Autowired Entries entries;

    @Test
    void aJudgeScoresAnEntryWhileItPlays() {
        UserAccounts.Account t1 = accounts.findByUsername("t1").orElseThrow();
        long judge2 = accounts.findByUsername("judge2").orElseThrow().id();
        long math = jdbc.sql("select id from org_subject where name = '数学'").query(Long.class).single();
        long classId = jdbc.sql("""
                select c.id from org_class c join org_grade g on g.id = c.grade_id join org_school s on s.id = c.school_id
                 where s.code = 'S01' and g.name = '七年级' and c.name = '1班'""").query(Long.class).single();
        long lesson = intake.fromUpload(new UploadFacts(UUID.randomUUID().toString(), t1.id(), "函数.mp4",
                Instant.now(), "函数的图像", classId, math, LocalDate.now(), 2));
        lessonMedia.attachAsset(lesson, media.submit(LessonIntake.ownerReference(lesson), TestVideos.clip(320, 180, 30)));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> "READY".equals(jdbc
                .sql("select status from lib_lesson where id = ?").param(lesson).query(String.class).single()));
        jdbc.sql("update lib_lesson set visibility = 'PRIVATE' where id = ?").param(lesson).update();

        long rubric = jdbc.sql("select min(id) from obs_rubric where name = '课堂教学评价表'").query(Long.class).single();
        long contestId = contests.create(new Contests.Draft("一师一优课（浏览器）", "", null, rubric, true, 1, 1, false,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), Contest.Audience.DISTRICT, List.of(),
                List.of(math), List.of(), List.of("校级初评", "区级复评")), accounts.findByUsername("admin").orElseThrow().id());
        Contest contest = contests.find(contestId).orElseThrow();
        Contest.Round round = contest.rounds().get(0);
        entries.submit(contest, ActingAs.withRoles(t1.id(), "t1", t1.schoolId(), BuiltInRole.TEACHER),
                grants.ownReady(t1.id(), lesson).orElseThrow(), List.of());
        contests.setJudges(round.id(), math, List.of(new Contests.Judge(round.id(), math, judge2, 2L, "评委 吴老师")));
        entries.assignAutomatically(contest, round);
        contests.advance(round, Contest.RoundState.JUDGING);
        long task = jdbc.sql("select id from ctst_assignment where judge_user_id = ?").param(judge2).query(Long.class)
                .single();

        Page page = newPage();
        signIn(page, "judge2");
        page.waitForURL("**/portal**");
        // the lesson itself stays out of the judge's reach: only the contest plays it
        assertThat(page.request().get("/api/v1/lessons/" + lesson + "/playback").status()).isEqualTo(404);
        page.navigate("/portal/judging");
        page.getByTestId("task-" + task).click();
        assertThat(page.getByTestId("judge-entry")).isVisible();
        Locator video = page.getByTestId("player-video");
        assertThat(video).isVisible();
        page.waitForFunction("() => { const v = document.querySelector('[data-testid=player-video]');"
                + " if (v.paused) { v.play().catch(() => {}); } return v.currentTime > 3; }", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000).setPollingInterval(250));

        page.locator("input[data-testid=comment-body], [data-testid=comment-body] input").fill("导入自然，例题选得好");
        page.getByTestId("comment-add").click();
        assertThat(page.getByTestId("comments")).containsText("导入自然，例题选得好");
        for (Locator score : page.locator("input[data-testid^=score-], [data-testid^=score-] input").all()) {
            score.fill("8");
            score.blur();
        }
        page.getByTestId("hand-in").click();
        assertThat(page.getByTestId("handed-in")).isVisible();
        assertThat(page.getByTestId("total")).containsText("80");
        screenshot(page, "contest-judging");

        String text = page.locator("body").innerText();
        for (String secret : List.of("王芳", "第一中学")) {
            assertThat(text).doesNotContain(secret);
        }
        long offsetMs = jdbc.sql("select offset_ms from ctst_comment c join ctst_assignment a on a.id = c.assignment_id"
                + " where a.id = ?").param(task).query(Long.class).single();
        assertThat(offsetMs).as("placed at the player's time, not at 0").isGreaterThan(2000);
        assertThat(jdbc.sql("select total from ctst_assignment where id = ? and submitted_at is not null").param(task)
                .query(BigDecimal.class).single()).isEqualByComparingTo("80.00");

        // the organiser's console shows the judge's progress; the teacher's page lists the entry
        Page organiser = newPage();
        signIn(organiser, "admin");
        organiser.waitForURL("**/admin**");
        organiser.navigate("/portal/contests");
        organiser.getByText("一师一优课（浏览器）").click();
        assertThat(organiser.locator(".el-table").nth(1)).containsText("评委 吴老师");
        assertThat(organiser.locator("body")).containsText("R1-001");
        screenshot(organiser, "contest-console");
        Page teacher = newPage();
        signIn(teacher, "t1");
        teacher.waitForURL("**/portal**");
        teacher.navigate("/portal/contests/submit");
        assertThat(teacher.locator("body")).containsText("函数的图像");
        screenshot(teacher, "contest-submit");
    }
}
