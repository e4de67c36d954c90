package org.ketang.platform.signage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketang.platform.BrowserTest;
import org.ketang.platform.media.TestVideos;
import org.ketang.platform.organization.BellSchedule;
import org.ketang.platform.organization.DayKind;
import org.ketang.platform.organization.Organization;
import org.ketang.platform.organization.Period;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.microsoft.playwright.Page;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Real display pages in Chromium, paired like a classroom PC, playing what the demo district's admins schedule and
 * push. Timing is checked on the player's own record (`window.__signage.log`, in server time through its measured
 * clock offset), not on how fast the test notices.
 */
class SignageBrowserTests extends BrowserTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String CLIP = "/signage-test/clip.mp4";

    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired Organization organization;

    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, String> tokens = new HashMap<>();

    /** A short H.264 clip served by the platform from the test classpath, as an uploaded video would be. */
    @BeforeAll
    static void publishTestClip() throws IOException {
        Path dir = Path.of("target", "test-classes", "static", "signage-test");
        Files.createDirectories(dir);
        Files.copy(TestVideos.clip(320, 180, 6), dir.resolve("clip.mp4"), StandardCopyOption.REPLACE_EXISTING);
    }

    // ------------------------------------------------------------------ API helpers

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> call("POST", "/api/v1/auth/login",
                Map.of("username", u, "password", DEMO_PASSWORD), null).get("token").asString());
    }

    JsonNode call(String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    long classroom(String school, String name) {
        return jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id where s.code = ? and r.name = ?""")
                .param(school).param(name).query(Long.class).single();
    }

    long grade(String school, String name) {
        return jdbc.sql("select g.id from org_grade g join org_school s on s.id = g.school_id where s.code = ? and g.name = ?")
                .param(school).param(name).query(Long.class).single();
    }

    /** A display page: it shows a pairing code, the admin binds it to the classroom, and it starts playing. */
    record Display(Page page, long deviceId) {
    }

    Display display(long classroomId, String admin) {
        Page page = newPage(960, 540);
        page.navigate("/display");
        String code = page.getByTestId("display-pairing-code").textContent();
        page.waitForFunction("() => /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(document.querySelector('[data-testid=display-pairing-code]').textContent)");
        code = page.getByTestId("display-pairing-code").textContent();
        long deviceId = call("POST", "/api/v1/signage/pairings", Map.of("code", code, "classroomId", classroomId),
                token(admin)).get("deviceId").asLong();
        page.getByTestId("display-status").waitFor();
        page.waitForFunction("() => window.__signage && window.__signage.online", null,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
        return new Display(page, deviceId);
    }

    long content(String admin, Map<String, Object> request) {
        return call("POST", "/api/v1/signage/contents", request, token(admin)).get("id").asLong();
    }

    long notice(String admin, String title) {
        return content(admin, Map.of("kind", "NOTICE", "title", title, "body", "<p>" + title + "</p>", "durationSeconds", 30));
    }

    /** A schedule for today from {@code from} for {@code minutes}, at whole seconds of the school's clock. */
    void schedule(String admin, String level, List<Long> contentIds, String targets, LocalTime from, int minutes) {
        Map<String, Object> request = new HashMap<>();
        request.put("name", level + " " + contentIds);
        request.put("level", level);
        request.put("contentIds", contentIds);
        request.put("targets", targets);
        request.put("startDate", LocalDate.now(ZONE).toString());
        request.put("endDate", LocalDate.now(ZONE).toString());
        request.put("startTime", from.toString());
        request.put("endTime", from.plusMinutes(minutes).toString());
        call("POST", "/api/v1/signage/schedules", request, token(admin));
    }

    static LocalTime inSeconds(int seconds) {
        LocalTime start = LocalTime.now(ZONE).plusSeconds(seconds).withNano(0);
        Assumptions.assumeTrue(start.isAfter(LocalTime.of(0, 2)) && start.isBefore(LocalTime.of(23, 40)),
                "the schedules of this test must not cross midnight in Asia/Shanghai");
        return start;
    }

    static long epochMs(LocalTime time) {
        return ZonedDateTime.of(LocalDate.now(ZONE), time, ZONE).toInstant().toEpochMilli();
    }

    /** The player's record of when it started {@code contentId} (server time), waiting for it generously. */
    static JsonNode started(Page page, ObjectMapper json, long contentId, long notBeforeMs, int timeoutMs) {
        String probe = "([id, since]) => window.__signage.log.find(e => e.contentId === id && e.startedMs !== null && e.scheduledMs >= since - 60000 && e.startedMs >= since - 1000)";
        page.waitForFunction(probe, List.of((double) contentId, (double) notBeforeMs), new Page.WaitForFunctionOptions().setTimeout(timeoutMs));
        Object entry = page.evaluate("([id, since]) => JSON.stringify(" + probe.substring(probe.indexOf("=>") + 3) + ")",
                List.of((double) contentId, (double) notBeforeMs));
        return json.readTree((String) entry);
    }

    static boolean everShown(Page page, long contentId) {
        return (Boolean) page.evaluate("id => window.__signage.log.some(e => e.contentId === id)", (double) contentId);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aScheduledVideoStartsOnTimeWithNoClickAndTheConsoleShowsIt() {
        Display screen = display(classroom("S01", "阶梯教室"), "sadmin1");
        long video = content("sadmin1", Map.of("kind", "VIDEO", "title", "校园宣传片", "url", CLIP, "durationSeconds", 6));
        LocalTime start = inSeconds(10);
        schedule("sadmin1", "SCHEDULED", List.of(video), "display:" + screen.deviceId(), start, 2);

        JsonNode entry = started(screen.page(), json, video, epochMs(start), 30_000);

        assertThat(entry.get("scheduledMs").asLong()).isEqualTo(epochMs(start));
        assertThat(entry.get("startedMs").asLong() - epochMs(start)).as("started within 1 s of its time").isBetween(-1000L, 1000L);
        screen.page().waitForFunction("() => { const v = document.querySelector('[data-testid=display-video]');"
                + " return v && !v.paused && v.currentTime > 0.5; }");
        screenshot(screen.page(), "signage-display-video");

        Page console = newPage();
        signIn(console, "sadmin1");
        console.waitForURL("**/admin/**");
        console.getByTestId("nav-signage").click();
        console.getByTestId("display-now-" + screen.deviceId()).waitFor();
        console.waitForFunction("id => document.querySelector(`[data-testid=display-now-${id}]`).textContent.includes('校园宣传片')",
                (double) screen.deviceId(), new Page.WaitForFunctionOptions().setTimeout(20_000));
        assertThat(console.getByTestId("display-online-" + screen.deviceId()).getAttribute("data-online")).isEqualTo("true");
        screenshot(console, "signage-console-screens");
    }

    @Test
    void aGrade8ScreenDoesNotGetGrade7Content() {
        Display seventh = display(classroom("S01", "录播教室1"), "sadmin1");
        Display eighth = display(classroom("S01", "201教室"), "sadmin1");
        long forSeventh = notice("sadmin1", "七年级广播操比赛");
        long forEighth = notice("sadmin1", "八年级家长会通知");
        LocalTime start = inSeconds(8);
        // forced, so that the test does not depend on whether the demo timetable has a lesson right now
        schedule("sadmin1", "FORCED", List.of(forSeventh), "grade:" + grade("S01", "七年级"), start, 3);
        schedule("sadmin1", "FORCED", List.of(forEighth), "grade:" + grade("S01", "八年级"), start, 3);

        started(eighth.page(), json, forEighth, epochMs(start), 30_000);
        started(seventh.page(), json, forSeventh, epochMs(start), 30_000);

        assertThat(everShown(eighth.page(), forSeventh)).isFalse();
        assertThat(everShown(seventh.page(), forEighth)).isFalse();
        assertThat(eighth.page().getByTestId("display-notice").textContent()).contains("八年级家长会通知");
        screenshot(eighth.page(), "signage-display-grade8");
    }

    @Test
    void duringALessonAnOrdinaryItemDoesNotPlayButAForcedOneDoes() {
        LocalTime now = LocalTime.now(ZONE);
        Assumptions.assumeTrue(now.isAfter(LocalTime.of(0, 20)) && now.isBefore(LocalTime.of(23, 30)));
        // a school whose only period runs around now, with a maths lesson in class 1's home room today
        String tag = Long.toString(System.nanoTime() % 1_000_000);
        long school = organization.createSchool("信号测试中学" + tag, "SG" + tag);
        long gradeId = organization.addGrade(school, "八年级", 8);
        long classId = organization.addClass(gradeId, "1班");
        long building = organization.addBuilding(school, "教学楼");
        long room = organization.addClassroom(school, building, "801教室", false, classId);
        LocalDate today = LocalDate.now(ZONE);
        long term = organization.addTerm(school, "本学期", today.minusDays(30), today.plusDays(30));
        organization.setBellSchedule(school, new BellSchedule(List.of(new DayKind("每天", EnumSet.allOf(DayOfWeek.class),
                List.of(new Period(1, now.minusMinutes(15).withNano(0), now.plusMinutes(15).withNano(0)))))));
        organization.setTimetable(term, classId, List.of(new Organization.LessonSlot(today.getDayOfWeek(), 1, "数学", null, null)));

        long ordinary = notice("admin", "社团招新（普通）");
        long forced = notice("admin", "升旗仪式直播（强制）");
        schedule("admin", "SCHEDULED", List.of(ordinary), "school:" + school, now.minusMinutes(1).withNano(0), 10);
        LocalTime forcedStart = inSeconds(12);
        schedule("admin", "FORCED", List.of(forced), "school:" + school, forcedStart, 5);
        Display screen = display(room, "admin");

        assertThat(screen.page().getByTestId("display-main").getAttribute("data-kind")).as("idle in the lesson").isEqualTo("IDLE");
        JsonNode entry = started(screen.page(), json, forced, epochMs(forcedStart), 30_000);

        assertThat(entry.get("startedMs").asLong() - epochMs(forcedStart)).isBetween(-1000L, 1000L);
        assertThat(everShown(screen.page(), ordinary)).as("the ordinary item waits for the break").isFalse();
        JsonNode timeline = call("GET", "/api/v1/signage/displays/" + screen.deviceId() + "/timeline", null, token("admin"));
        assertThat(timeline.get("lessons")).hasSize(1);
        screenshot(screen.page(), "signage-display-forced-in-lesson");
    }

    @Test
    void anEmergencyPushInterruptsWithinASecondAndEndsWhenCancelled() {
        Display screen = display(classroom("S01", "302教室"), "sadmin1");
        long loop = notice("sadmin1", "今日食谱");
        schedule("sadmin1", "FORCED", List.of(loop), "display:" + screen.deviceId(), inSeconds(3), 5);
        started(screen.page(), json, loop, 0, 30_000);

        long alarm = notice("sadmin1", "紧急疏散：请按路线撤离");
        JsonNode push = call("POST", "/api/v1/signage/pushes", Map.of("level", "EMERGENCY", "contentIds", List.of(alarm),
                "targets", "display:" + screen.deviceId()), token("sadmin1"));
        long pushedAt = Instant.parse(push.get("startsAt").asString()).toEpochMilli();
        assertThat(push.get("delivered").asInt()).isEqualTo(1);

        JsonNode entry = started(screen.page(), json, alarm, pushedAt, 10_000);
        assertThat(entry.get("startedMs").asLong() - pushedAt).as("on screen within 1 s of the push").isLessThanOrEqualTo(1000L);
        assertThat(screen.page().getByTestId("display-main").getAttribute("data-level")).isEqualTo("EMERGENCY");
        screenshot(screen.page(), "signage-display-emergency");

        long cancelledAt = System.currentTimeMillis();
        call("POST", "/api/v1/signage/pushes/" + push.get("id").asLong() + "/cancel", null, token("sadmin1"));
        started(screen.page(), json, loop, cancelledAt, 10_000);
    }

    @Test
    void withTheNetworkGoneTheCachedScheduleKeepsPlayingEvenAfterARestart() {
        Display screen = display(classroom("S01", "录播教室2"), "sadmin1");
        long video = content("sadmin1", Map.of("kind", "VIDEO", "title", "安全教育短片", "url", CLIP, "durationSeconds", 4));
        long notice = content("sadmin1", Map.of("kind", "NOTICE", "title", "离线也照常播放", "body", "<p>缓存</p>", "durationSeconds", 4));
        LocalTime start = inSeconds(6);
        schedule("sadmin1", "FORCED", List.of(video, notice), "display:" + screen.deviceId(), start, 10);
        started(screen.page(), json, video, epochMs(start), 30_000);
        // the service worker holds the page; the player holds the clip in the Cache API
        screen.page().waitForFunction("async () => !!navigator.serviceWorker.controller || !!(await navigator.serviceWorker.getRegistration('/display'))?.active");
        screen.page().waitForFunction("async () => !!(await (await caches.open('ketang-signage-media-v1')).match('" + CLIP + "'))");

        screen.page().context().setOffline(true);
        screen.page().reload();
        long afterRestart = epochMs(start) + 1;
        JsonNode noticeEntry = started(screen.page(), json, notice, afterRestart, 20_000);
        JsonNode videoEntry = started(screen.page(), json, video, noticeEntry.get("scheduledMs").asLong() + 1, 20_000);

        assertThat(noticeEntry.get("startedMs").asLong() - noticeEntry.get("scheduledMs").asLong()).isBetween(-1000L, 1000L);
        assertThat(videoEntry.get("startedMs").asLong() - videoEntry.get("scheduledMs").asLong()).isBetween(-1000L, 1000L);
        assertThat(screen.page().getByTestId("display-status").getAttribute("data-online")).isEqualTo("false");
        screenshot(screen.page(), "signage-display-offline");
        screen.page().context().setOffline(false);
    }
}
