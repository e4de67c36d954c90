package org.ketang.platform.patrol;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;
import org.ketang.platform.live.RealRecorder;
import org.ketang.platform.live.internal.Broadcasts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.jayway.jsonpath.JsonPath;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * The district supervisor patrols: the four recording classrooms of the demo district go live (real ffmpeg pushing
 * HLS as each room's recorder), the supervisor opens the patrol wall with four tiles and all four play; a tile opens
 * the large view where the supervisor notes the lesson; one tile at a time rotates through the pages.
 */
class PatrolBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Broadcasts broadcasts;

    @Test
    void aSupervisorWatchesFourClassroomsAtOnce() throws Exception {
        broadcasts.sweep(Instant.now().plus(Duration.ofDays(1)));
        RealRecorder box = new RealRecorder(port);
        List<Long> rooms = jdbc.sql("select r.id from org_classroom r where r.recording = true order by r.id")
                .query(Long.class).list();
        assertThat(rooms).hasSize(4);
        List<Process> pushes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (long room : rooms) {
                long school = jdbc.sql("select school_id from org_classroom where id = ?").param(room).query(Long.class)
                        .single();
                String admin = jdbc.sql("select code from org_school where id = ?").param(school).query(String.class)
                        .single().equals("S01") ? "sadmin1" : "sadmin2";
                RealRecorder.Enrolled recorder = box.enroll(admin, room, "recorder");
                Path log = Files.createTempFile("ffmpeg-patrol-", ".log");
                logs.add(log);
                pushes.add(box.push(recorder.token(), "mpegts", log));
            }
            String supervisor = box.signIn("sup1");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .failFast("an ffmpeg stopped: " + RealRecorder.logOf(logs.get(0)),
                            () -> pushes.stream().anyMatch(p -> !p.isAlive()))
                    .until(() -> ((List<?>) JsonPath.read(box.get("/api/v1/patrol/rooms", supervisor).body(), "$"))
                            .size() == 4);

            Page page = newPage(1600, 1000);
            signIn(page, "sup1");
            page.waitForURL("**/portal");
            page.navigate("/portal/patrol");
            Locator wall = page.getByTestId("patrol-wall");
            assertThat(wall).hasAttribute("data-tiles", "4");
            // every tile plays: its player says so and its video's time runs on with decoded frames
            for (long room : rooms) {
                assertThat(page.getByTestId("patrol-tile-" + room)).hasAttribute("data-status", "playing",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(90_000));
            }
            page.waitForFunction("() => [...document.querySelectorAll('[data-testid=patrol-wall] video')]"
                    + ".every(v => v.currentTime > 1 && v.muted && v.getVideoPlaybackQuality().totalVideoFrames > 10)",
                    null, new Page.WaitForFunctionOptions().setTimeout(60_000).setPollingInterval(500));
            assertThat(page.locator("[data-testid=patrol-wall] [data-testid=live-player]")).hasCount(4);
            screenshot(page, "patrol-wall-4");

            // the large view: with sound, where the lesson is noted and scored
            long first = rooms.get(0);
            page.getByTestId("patrol-tile-" + first).click();
            Locator large = page.getByTestId("patrol-large");
            assertThat(large.getByTestId("live-player")).hasAttribute("data-status", "playing",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
            large.getByTestId("patrol-note-text").fill("学生参与度高，板书规范");
            large.getByTestId("patrol-note-score").locator("input").fill("85");
            large.getByTestId("patrol-note-save").click();
            assertThat(page.locator(".el-message--success")).isVisible();
            screenshot(page, "patrol-large");
            assertThat(JsonPath.<List<Object>>read(box.get("/api/v1/patrol/notes?from=" + java.time.LocalDate.now().minusDays(1) + "&to=" + java.time.LocalDate.now().plusDays(1),
                    supervisor).body(), "$[?(@.classroomId == " + first + " && @.score == 85)]")).hasSize(1);
            page.keyboard().press("Escape");

            // one tile at a time, turning every 10 s: the wall moves on to the next page by itself
            page.getByTestId("patrol-layout-1").click();
            assertThat(wall).hasAttribute("data-tiles", "1");
            assertThat(page.getByTestId("patrol-page")).containsText("1/4");
            page.getByTestId("patrol-interval").click();
            page.locator(".el-select-dropdown__item").filter(new Locator.FilterOptions().setHasText("10")).first().click();
            assertThat(page.getByTestId("patrol-page")).containsText("2/4",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            // paused, it stays
            page.getByTestId("patrol-rotate").click();
            String paused = page.getByTestId("patrol-page").textContent();
            page.waitForTimeout(11_000);
            assertThat(page.getByTestId("patrol-page")).hasText(paused);
        } finally {
            for (Process p : pushes) {
                RealRecorder.stop(p);
            }
        }
    }
}
