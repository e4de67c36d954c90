package org.ketang.platform.observation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.live.RealRecorder;
import org.ketang.platform.live.internal.Broadcasts;
import org.ketang.platform.live.internal.LiveSettings;
import org.ketang.platform.media.TestVideos;
import org.ketang.platform.organization.Timetables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * 网络评课: a class of 第一中学 is live (real ffmpeg as the room's recorder); the researcher r1 — observing the subject
 * taught now — comments on the live page and the principal, watching in another browser, sees the comment arrive.
 * After the class the recorder uploads its recording; on the lesson's page the comment sits on the timeline, and
 * clicking it takes the player there.
 */
class ObservationBrowserTests extends BrowserTest {

    @Autowired JdbcClient jdbc;
    @Autowired Broadcasts broadcasts;
    @Autowired LiveSettings settings;
    @Autowired Timetables timetables;
    @Autowired ResearcherSubjects researcherSubjects;
    @Autowired UserAccounts accounts;

    @Test
    void aResearchersLiveCommentReachesAnotherObserverAndTheRecordingsTimeline() throws Exception {
        broadcasts.sweep(Instant.now().plus(Duration.ofDays(1)));
        long room = jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = 'S01' and r.name = '录播教室1'""").query(Long.class).single();
        // recordings other tests left in the room (the context is shared) must not become this class's lesson
        jdbc.sql("update lib_lesson set deleted_at = current_timestamp where classroom_id = ? and deleted_at is null")
                .param(room).update();
        // the researcher observes what is taught there now (with nothing on the timetable, any researcher may)
        long r1 = accounts.findByUsername("r1").orElseThrow().id();
        timetables.whatIsHappening(room, Instant.now())
                .ifPresent(h -> researcherSubjects.assign(r1, List.of(h.subjectId())));

        RealRecorder box = new RealRecorder(port);
        RealRecorder.Enrolled recorder = box.enroll("sadmin1", room, "recorder");
        Path log = Files.createTempFile("ffmpeg-observation-", ".log");
        Process ffmpeg = box.push(recorder.token(), "mpegts", log);
        try {
            String principal = box.signIn("principal1");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .failFast("ffmpeg stopped: " + RealRecorder.logOf(log), () -> !ffmpeg.isAlive())
                    .until(() -> "LIVE".equals(JsonPath.read(box.get("/api/v1/live/channels/" + room, principal).body(),
                            "$.state")));

            Page researcher = newPage();
            signIn(researcher, "r1");
            researcher.waitForURL("**/portal");
            researcher.navigate("/portal/live/" + room);
            Page observer = newPage();
            signIn(observer, "principal1");
            observer.waitForURL(url -> !url.contains("/login"));
            observer.navigate("/portal/live/" + room);

            assertThat(researcher.getByTestId("live-player")).hasAttribute("data-status", "playing",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            assertThat(observer.getByTestId("observation-comments")).containsText("还没有评课意见");
            String observationId = researcher.getByTestId("observation-panel").getAttribute("data-observation-id");
            assertThat(observer.getByTestId("observation-panel")).hasAttribute("data-observation-id", observationId);

            researcher.getByTestId("observation-input").fill("导入环节联系生活，学生兴趣高");
            researcher.getByTestId("observation-send").click();
            // the other observer's page gets it over the event stream, without reloading
            Locator seen = observer.getByTestId("observation-comment");
            assertThat(seen).hasCount(1);
            assertThat(seen).containsText("导入环节联系生活，学生兴趣高");
            assertThat(seen).containsText("教研员 陈老师");
            // the researcher scores with the demo rubric (8 of 10 on every criterion): the observer's total follows
            Locator scoreInputs = researcher.locator("[data-testid=observation-rubric] .el-input-number input");
            assertThat(scoreInputs).hasCount(4);
            for (int i = 0; i < 4; i++) {
                scoreInputs.nth(i).fill("8");
                scoreInputs.nth(i).press("Tab");
            }
            researcher.getByTestId("observation-score").click();
            assertThat(observer.getByTestId("observation-average")).hasText("80.00");
            screenshot(observer, "observation-live");
            long liveOffset = Long.parseLong(seen.getAttribute("data-offset-ms"));

            // the class ends; the recorder uploads its recording, which started 3 s before the live class
            Instant started = jdbc.sql("select max(started_at) from live_session where classroom_id = ?").param(room)
                    .query(OffsetDateTime.class).single().toInstant();
            RealRecorder.stop(ffmpeg);
            broadcasts.sweep(Instant.now().plus(settings.staleAfter()).plusSeconds(1));
            Path recording = TestVideos.clip(320, 180, 90);
            box.uploadRecording(recorder.token(), recording, "obs-" + room, started.minusSeconds(3),
                    started.plusSeconds(87));
            long lesson = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> jdbc.sql("select lesson_id from obs_lesson where id = ?")
                            .param(Long.parseLong(observationId)).query(Long.class).optional().orElse(null),
                            id -> id != null);
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> "READY".equals(jdbc.sql("select status from lib_lesson where id = ?").param(lesson)
                            .query(String.class).single()));

            researcher.navigate("/portal/lessons/" + lesson);
            Locator comment = researcher.getByTestId("observation-comment");
            assertThat(comment).hasCount(1);
            long offset = Long.parseLong(comment.getAttribute("data-offset-ms"));
            assertThat(offset).as("3 s later on the recording than on the live timeline").isCloseTo(liveOffset + 3000, org.assertj.core.data.Offset.offset(2L));
            assertThat(researcher.getByTestId("observation-marker")).hasCount(1);
            screenshot(researcher, "observation-vod");
            comment.click();
            researcher.waitForFunction("t => { const v = document.querySelector('[data-testid=player-video]');"
                    + " return v && Math.abs(v.currentTime - t) < 2; }", offset / 1000.0,
                    new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(250));
            // the marker on the timeline seeks the same way
            researcher.evaluate("() => { const v = document.querySelector('[data-testid=player-video]'); v.currentTime = 0; }");
            researcher.getByTestId("observation-marker").click();
            researcher.waitForFunction("t => Math.abs(document.querySelector('[data-testid=player-video]').currentTime - t) < 2",
                    offset / 1000.0, new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(250));
        } finally {
            RealRecorder.stop(ffmpeg);
            // the context is shared with the live module's browser test, whose class must not find this recording
            jdbc.sql("update lib_lesson set deleted_at = current_timestamp where classroom_id = ? and deleted_at is null")
                    .param(room).update();
        }
    }
}
