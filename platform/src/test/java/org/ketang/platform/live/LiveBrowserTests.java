package org.ketang.platform.live;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.RecordingFacts;
import org.ketang.platform.live.internal.Broadcasts;
import org.ketang.platform.live.internal.LiveSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * A recorder of 第一中学 goes live (a real ffmpeg pushing HLS as the device); a teacher of the school finds the class
 * on the portal home, opens it and watches it play in Chromium; when the class ends the page says so and, once the
 * recording is a lesson, links to it.
 */
class LiveBrowserTests extends BrowserTest {

    static final String VIDEO = "[data-testid=live-video]";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Broadcasts broadcasts;

    @Autowired
    LiveSettings settings;

    @Autowired
    LessonIntake intake;

    @Test
    void aTeacherWatchesHerSchoolsClassLiveAndFindsTheRecordingAfterwards() throws Exception {
        long room = jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = 'S01' and r.name = '录播教室1'""").query(Long.class).single();
        RealRecorder box = new RealRecorder(port);
        RealRecorder.Enrolled recorder = box.enroll("sadmin1", room, "recorder");
        Path log = Files.createTempFile("ffmpeg-live-browser-", ".log");
        Process ffmpeg = box.push(recorder.token(), "fmp4", log);
        try {
            String teacher = box.signIn("t1");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .failFast("ffmpeg stopped: " + RealRecorder.logOf(log), () -> !ffmpeg.isAlive())
                    .until(() -> "LIVE".equals(JsonPath.read(box.get("/api/v1/live/channels/" + room, teacher).body(),
                            "$.state")));

            Page page = newPage();
            signIn(page, "t1");
            page.waitForURL("**/portal");
            Locator card = page.getByTestId("live-card-" + room);
            assertThat(page.getByTestId("portal-live-now")).containsText("录播教室1");
            screenshot(page, "live-portal-home");
            card.click();
            page.waitForURL("**/portal/live/" + room);

            assertThat(page.getByTestId("live-title")).containsText("录播教室1");
            assertThat(page.getByTestId("live-meta-school")).hasText("第一中学");
            // it plays: time runs on and frames are decoded
            page.waitForFunction("() => { const v = document.querySelector('" + VIDEO + "');"
                    + " return v && v.currentTime > 1 && v.getVideoPlaybackQuality().totalVideoFrames > 10; }", null,
                    new Page.WaitForFunctionOptions().setTimeout(60_000).setPollingInterval(250));
            double before = ((Number) page.evaluate("() => document.querySelector('" + VIDEO + "').currentTime"))
                    .doubleValue();
            page.waitForFunction("t => document.querySelector('" + VIDEO + "').currentTime > t + 1.5", before,
                    new Page.WaitForFunctionOptions().setTimeout(30_000).setPollingInterval(250));
            Number decoded = (Number) page.evaluate(
                    "() => document.querySelector('" + VIDEO + "').getVideoPlaybackQuality().totalVideoFrames");
            assertThat(decoded.intValue()).isGreaterThan(25);
            Locator player = page.getByTestId("live-player");
            assertThat(player).hasAttribute("data-status", "playing");
            page.waitForFunction("() => document.querySelector('[data-testid=live-player]').dataset.latencyMs !== ''",
                    null, new Page.WaitForFunctionOptions().setTimeout(15_000));
            long latency = Long.parseLong(player.getAttribute("data-latency-ms"));
            assertThat(latency).as("behind the live edge").isPositive();
            assertThat(page.getByTestId("live-open-class-switch")).hasCount(0);
            page.getByTestId("live-player").hover();
            screenshot(page, "live-player");

            // the school's admin makes it an open class on the same page
            Page admin = newPage();
            signIn(admin, "sadmin1");
            admin.waitForURL("**/admin/**");
            admin.navigate("/portal/live/" + room);
            assertThat(admin.getByTestId("live-open-class-badge")).hasCount(0);
            admin.getByTestId("live-open-class-switch").click();
            assertThat(admin.getByTestId("live-open-class-badge")).isVisible();
            screenshot(admin, "live-open-class");
            String parent = box.signIn("p2");
            assertThat(box.get("/api/v1/live/channels/" + room, parent).statusCode()).as("a parent of the other school")
                    .isEqualTo(200);

            // the class ends: the recorder stops and the stale session is swept away
            RealRecorder.stop(ffmpeg);
            broadcasts.sweep(Instant.now().plus(settings.staleAfter()).plusSeconds(1));
            assertThat(page.getByTestId("live-ended")).isVisible(new LocatorAssertions.IsVisibleOptions()
                    .setTimeout(60_000));
            assertThat(page.getByTestId("live-recording-soon")).isVisible();

            // the recording of the class arrives and becomes a lesson: the page links to it
            Instant started = jdbc.sql("select max(started_at) from live_session where classroom_id = ?").param(room)
                    .query(java.time.OffsetDateTime.class).single().toInstant();
            long lesson = intake.fromRecording(new RecordingFacts(recorder.deviceId(), room, started.minusSeconds(3)));
            Locator link = page.getByTestId("live-recording-link");
            assertThat(link).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(40_000));
            assertThat(link).hasAttribute("href", "/portal/lessons/" + lesson);
            screenshot(page, "live-ended");
        } finally {
            RealRecorder.stop(ffmpeg);
        }
    }
}
