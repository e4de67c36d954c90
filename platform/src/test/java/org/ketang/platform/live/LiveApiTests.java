package org.ketang.platform.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.RecordingFacts;
import org.ketang.platform.live.internal.Broadcasts;
import org.ketang.platform.live.internal.ChannelFiles;
import org.ketang.platform.live.internal.LiveSettings;
import org.ketang.platform.media.PlaybackTokens;
import org.ketang.platform.media.internal.HmacPlaybackTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Live classes on the demo district: recorders of 第一中学 (S01, sadmin1, t1, s1, p1) and 实验中学 (S02, sadmin2, t2,
 * p2) push HLS into their classroom's channel; viewers see it like a lesson of the school, or all of them for an
 * open class. Time moves by calling {@link Broadcasts#sweep} with the instant a test needs (the scheduled sweep is
 * off in tests, the stale timeout is 30 s).
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
@RecordApplicationEvents
class LiveApiTests {

    static final byte[] INIT = bytes(100, 1);
    static final byte[] SEGMENT = bytes(5000, 7);

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired Broadcasts broadcasts;
    @Autowired ChannelFiles files;
    @Autowired LiveSettings settings;
    @Autowired LessonIntake intake;
    @Autowired PlaybackTokens tokens;
    @Autowired ApplicationEvents events;

    @BeforeEach
    void nothingIsLive() {
        // sessions of earlier tests in this context end, and their open-class marks are used up
        broadcasts.sweep(Instant.now().plus(Duration.ofDays(1)));
        events.clear();
    }

    // ------------------------------------------------------------------ ingest

    @Test
    void aRecorderPushesHlsThatViewersOfItsSchoolWatch() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);

        push(recorder, "init.mp4", INIT).andExpect(status().isNoContent());
        push(recorder, "index0.m4s", SEGMENT).andExpect(status().isNoContent());
        push(recorder, "index.m3u8", playlist("index0.m4s")).andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/live/channels").with(by("t1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.classroomId == " + room + ")].state").value(hasItem("LIVE")))
                .andExpect(jsonPath("$[?(@.classroomId == " + room + ")].schoolName").value(hasItem("第一中学")));
        mvc.perform(get("/api/v1/live/channels/" + room).with(by("t1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("LIVE")).andExpect(jsonPath("$.classroomName").value("录播教室1"))
                .andExpect(jsonPath("$.since").isNotEmpty()).andExpect(jsonPath("$.openClass").value(false))
                .andExpect(jsonPath("$.manageable").value(false));

        String url = playbackUrl("t1", room);
        assertThat(url).startsWith("/live/play/").endsWith("/index.m3u8");
        mvc.perform(get(url)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/vnd.apple.mpegurl"))
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andExpect(content().bytes(playlist("index0.m4s")))
                // the token is the authorisation: no session cookie for the requests of a playing video
                .andExpect(header().doesNotExist("Set-Cookie"));
        String prefix = url.substring(0, url.lastIndexOf('/') + 1);
        mvc.perform(get(prefix + "index0.m4s")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "video/iso.segment"))
                .andExpect(header().string("Cache-Control", containsString("max-age=60")))
                .andExpect(content().bytes(SEGMENT));
        mvc.perform(get(prefix + "init.mp4")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "video/mp4")).andExpect(content().bytes(INIT));
        mvc.perform(get(prefix + "index9.m4s")).andExpect(status().isNotFound());
    }

    @Test
    void transportStreamSegmentsAreServedAsMpegTs() throws Exception {
        long room = classroom("S01", "录播教室2");
        String recorder = recorder("sadmin1", room);
        push(recorder, "index0.ts", SEGMENT).andExpect(status().isNoContent());
        push(recorder, "index.m3u8", playlist("index0.ts")).andExpect(status().isNoContent());

        String url = playbackUrl("sadmin1", room);
        mvc.perform(get(url.replace("index.m3u8", "index0.ts"))).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "video/mp2t")).andExpect(content().bytes(SEGMENT));
    }

    @Test
    void onlyRecordersPushAndOnlyIntoTheirOwnChannel() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);
        String display = device("sadmin1", room, "display");

        mvc.perform(put(AgentApi.LIVE, "index.m3u8").with(by("t1")).content(playlist("a.ts")))
                .andExpect(status().isForbidden());
        mvc.perform(put(AgentApi.LIVE, "index.m3u8").with(by("sadmin1")).content(playlist("a.ts")))
                .andExpect(status().isForbidden());
        push(display, "index.m3u8", playlist("a.ts")).andExpect(status().isForbidden());
        mvc.perform(delete(AgentApi.LIVE, "index.m3u8").header("Authorization", "Bearer " + display))
                .andExpect(status().isForbidden());
        mvc.perform(put(AgentApi.LIVE, "index.m3u8").content(playlist("a.ts"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/live/channels/" + room).with(by("t1"))).andExpect(jsonPath("$.state").value(not("LIVE")));

        // the recorder of 录播教室1 writes into 录播教室1's channel, whatever it asks for
        push(recorder, "index.m3u8", playlist()).andExpect(status().isNoContent());
        assertThat(files.find(room, "index.m3u8")).isPresent();
        assertThat(files.find(classroom("S01", "录播教室2"), "index.m3u8")).isEmpty();
    }

    @Test
    void fileNamesAreCheckedStrictly() throws Exception {
        String recorder = recorder("sadmin1", classroom("S01", "录播教室1"));
        for (String name : new String[] { "index.txt", ".index.m3u8", "index.m3u8.tmp", "a..b.ts", "seg 1.ts",
                "x".repeat(62) + ".ts", "index", "名字.ts", "..ts" }) {
            mvc.perform(put(AgentApi.LIVE, name).header("Authorization", "Bearer " + recorder).content(SEGMENT))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/live-file-name"));
        }
        // an encoded slash never reaches the controller: the firewall refuses it first
        mvc.perform(put(AgentApi.ROOT + "/live/..%2F..%2Fdb.m3u8").header("Authorization", "Bearer " + recorder)
                .content(SEGMENT)).andExpect(status().isBadRequest());
        push(recorder, "x".repeat(61) + ".ts", SEGMENT).andExpect(status().isNoContent());
        push(recorder, "seg_0-1.M4S", SEGMENT).andExpect(status().isNoContent());
    }

    @Test
    void aFileOverTheLimitIsRefusedAndNothingIsWritten() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);
        byte[] huge = new byte[(int) settings.maxFileSize().toBytes() + 1];
        push(recorder, "index1.ts", huge).andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/live-file-too-large"));
        assertThat(files.find(room, "index1.ts")).isEmpty();
        push(recorder, "index1.ts", Arrays.copyOf(huge, huge.length - 1)).andExpect(status().isNoContent());
    }

    @Test
    void aRecorderDeletesItsSegments() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);
        push(recorder, "index7.ts", SEGMENT).andExpect(status().isNoContent());
        mvc.perform(delete(AgentApi.LIVE, "index7.ts").header("Authorization", "Bearer " + recorder))
                .andExpect(status().isNoContent());
        assertThat(files.find(room, "index7.ts")).isEmpty();
        mvc.perform(delete(AgentApi.LIVE, "index7.ts").header("Authorization", "Bearer " + recorder))
                .andExpect(status().isNoContent());
        mvc.perform(delete(AgentApi.LIVE, "..").header("Authorization", "Bearer " + recorder))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void segmentsNoPlaylistNamesArePrunedAfterTheGracePeriod() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);
        for (int i = 0; i < 4; i++) {
            push(recorder, "index" + i + ".ts", SEGMENT).andExpect(status().isNoContent());
        }
        push(recorder, "index.m3u8", playlist("index2.ts", "index3.ts")).andExpect(status().isNoContent());

        Instant now = Instant.now();
        assertThat(files.prune(room, now, settings.pruneGrace())).as("within the grace period").isZero();
        assertThat(files.prune(room, now.plus(settings.pruneGrace()).plusSeconds(1), settings.pruneGrace()))
                .isEqualTo(2);
        assertThat(files.find(room, "index0.ts")).isEmpty();
        assertThat(files.find(room, "index1.ts")).isEmpty();
        assertThat(files.find(room, "index2.ts")).isPresent();
        assertThat(files.find(room, "index3.ts")).isPresent();
        assertThat(files.find(room, "index.m3u8")).isPresent();
        String url = playbackUrl("t1", room);
        mvc.perform(get(url.replace("index.m3u8", "index0.ts"))).andExpect(status().isNotFound());
    }

    // ------------------------------------------------------------------ sessions

    @Test
    void aSessionOpensWithTheFirstPlaylistAndEndsWhenPlaylistsStop() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);
        push(recorder, "index0.ts", SEGMENT).andExpect(status().isNoContent());
        assertThat(events.stream(LiveStarted.class)).as("a segment alone starts nothing").isEmpty();

        push(recorder, "index.m3u8", playlist("index0.ts")).andExpect(status().isNoContent());
        push(recorder, "index.m3u8", playlist("index0.ts")).andExpect(status().isNoContent());
        assertThat(events.stream(LiveStarted.class).filter(e -> e.classroomId() == room)).hasSize(1);
        long session = events.stream(LiveStarted.class).filter(e -> e.classroomId() == room).findFirst().orElseThrow()
                .sessionId();
        assertThat(jdbc.sql("select count(*) from live_session where classroom_id = ? and ended_at is null")
                .param(room).query(Long.class).single()).isEqualTo(1);

        Instant now = Instant.now();
        assertThat(broadcasts.sweep(now)).as("still live").isZero();
        assertThat(broadcasts.sweep(now.plus(settings.staleAfter()).plusSeconds(1))).isEqualTo(1);

        LiveEnded ended = events.stream(LiveEnded.class).filter(e -> e.classroomId() == room).findFirst().orElseThrow();
        assertThat(ended.sessionId()).isEqualTo(session);
        assertThat(ended.endedAt()).isBeforeOrEqualTo(now);
        mvc.perform(get("/api/v1/live/channels/" + room).with(by("t1"))).andExpect(jsonPath("$.state").value("ENDED"))
                .andExpect(jsonPath("$.endedAt").isNotEmpty());
        mvc.perform(get("/api/v1/live/channels").with(by("t1")))
                .andExpect(jsonPath("$[*].classroomId", not(hasItem((int) room))));
        mvc.perform(get("/api/v1/live/channels/" + room + "/playback").with(by("t1"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/not-live"));
        assertThat(files.find(room, "index.m3u8")).as("an ended session's files go").isEmpty();
        assertThat(files.find(room, "index0.ts")).isEmpty();

        // the recorder comes back: a new session
        push(recorder, "index.m3u8", playlist()).andExpect(status().isNoContent());
        assertThat(events.stream(LiveStarted.class).filter(e -> e.classroomId() == room)).hasSize(2);
    }

    @Test
    void aPlaylistAfterTheStaleTimeoutStartsANewSessionEvenBeforeTheSweep() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);
        push(recorder, "index.m3u8", playlist()).andExpect(status().isNoContent());
        // the last playlist came long ago
        jdbc.sql("update live_session set last_seen_at = ?, started_at = ? where classroom_id = ? and ended_at is null")
                .param(utc(Instant.now().minus(Duration.ofMinutes(5)))).param(utc(Instant.now().minus(Duration.ofMinutes(10))))
                .param(room).update();
        push(recorder, "index.m3u8", playlist()).andExpect(status().isNoContent());
        assertThat(events.stream(LiveEnded.class).filter(e -> e.classroomId() == room)).hasSize(1);
        assertThat(events.stream(LiveStarted.class).filter(e -> e.classroomId() == room)).hasSize(2);
    }

    // ------------------------------------------------------------------ who sees what

    @Test
    void theLiveListFollowsTheLibrarysAudienceAndAnOpenClassReachesEveryone() throws Exception {
        long room = classroom("S01", "录播教室1");
        push(recorder("sadmin1", room), "index.m3u8", playlist()).andExpect(status().isNoContent());

        for (String user : new String[] { "admin", "sadmin1", "principal1", "t1", "ht1", "s1", "r1", "sup1" }) {
            mvc.perform(get("/api/v1/live/channels").with(by(user))).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].classroomId", hasItem((int) room)));
            mvc.perform(get("/api/v1/live/channels/" + room).with(by(user))).andExpect(status().isOk());
        }
        for (String user : new String[] { "sadmin2", "t2", "p1", "p2" }) {
            mvc.perform(get("/api/v1/live/channels").with(by(user))).andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].classroomId", not(hasItem((int) room))));
            mvc.perform(get("/api/v1/live/channels/" + room).with(by(user))).andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/live/channels/" + room + "/playback").with(by(user)))
                    .andExpect(status().isNotFound());
        }

        markOpenClass("sadmin1", room, true).andExpect(status().isOk()).andExpect(jsonPath("$.openClass").value(true));

        // PUBLIC in the library's terms: everyone signed in, parents included
        for (String user : new String[] { "sadmin2", "t2", "p1", "p2" }) {
            mvc.perform(get("/api/v1/live/channels").with(by(user)))
                    .andExpect(jsonPath("$[?(@.classroomId == " + room + ")].openClass").value(hasItem(true)));
            mvc.perform(get("/api/v1/live/channels/" + room + "/playback").with(by(user))).andExpect(status().isOk());
        }
    }

    @Test
    void onlyTheSchoolsManagersMarkAnOpenClassAndEachMarkIsAudited() throws Exception {
        long room = classroom("S01", "录播教室2");
        push(recorder("sadmin1", room), "index.m3u8", playlist()).andExpect(status().isNoContent());

        markOpenClass("t1", room, true).andExpect(status().isForbidden());
        markOpenClass("principal1", room, true).andExpect(status().isForbidden());
        markOpenClass("sadmin2", room, true).andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/live/channels/" + room).with(by("sadmin1")).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/live/channels/" + room).with(by("sadmin1")))
                .andExpect(jsonPath("$.manageable").value(true));

        markOpenClass("sadmin1", room, true).andExpect(status().isOk());
        // now sadmin2 sees the open class, but it is not theirs to change
        markOpenClass("sadmin2", room, false).andExpect(status().isForbidden());
        markOpenClass("admin", room, false).andExpect(status().isOk()).andExpect(jsonPath("$.openClass").value(false));

        mvc.perform(get("/api/v1/audit").with(by("sadmin1")).param("action", "live.open-class-on"))
                .andExpect(jsonPath("$.items[0].target").value("录播教室2（第一中学）"));
        mvc.perform(get("/api/v1/audit").with(by("sadmin1")).param("action", "live.open-class-off"))
                .andExpect(jsonPath("$.items[0].target").value("录播教室2（第一中学）"));
    }

    @Test
    void anOpenClassMarkedBeforehandCarriesIntoTheNextBroadcastOnly() throws Exception {
        long room = classroom("S01", "录播教室1");
        markOpenClass("sadmin1", room, true).andExpect(status().isOk());
        mvc.perform(get("/api/v1/live/channels/" + room).with(by("p2"))).andExpect(jsonPath("$.state").value(not("LIVE")))
                .andExpect(jsonPath("$.openClass").value(true));

        push(recorder("sadmin1", room), "index.m3u8", playlist()).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/live/channels").with(by("p2")))
                .andExpect(jsonPath("$[*].classroomId", hasItem((int) room)));

        Instant now = Instant.now();
        broadcasts.sweep(now.plus(settings.staleAfter()).plusSeconds(1));
        // a broadcast resuming after a dropout is still the open class ...
        assertThat(jdbc.sql("select open_class from live_channel where classroom_id = ?").param(room)
                .query(Boolean.class).single()).isTrue();
        // ... but once the mark is used up, the next lesson in the room is not
        broadcasts.sweep(now.plus(settings.openClassLinger()).plusSeconds(60));
        assertThat(jdbc.sql("select open_class from live_channel where classroom_id = ?").param(room)
                .query(Boolean.class).single()).isFalse();
    }

    @Test
    void aChannelShowsWhatTheTimetableSaysIsTaughtThere() throws Exception {
        long room = classroom("S02", "录播教室2");
        long device = jdbc.sql("select id from dev_device order by id fetch first 1 rows only").query(Long.class)
                .optional().orElse(1L);
        // a session that ran in period 1 of a Monday of the demo term: 七年级2班 sits here, shifted by one period
        Instant start = OffsetDateTime.parse("2026-11-23T08:02:00+08:00").toInstant();
        jdbc.sql("""
                insert into live_session (classroom_id, school_id, device_id, via, started_at, last_seen_at, ended_at,
                  open_class) values (?, (select school_id from org_classroom where id = ?), ?, 'PLATFORM', ?, ?, ?, false)""")
                .param(room).param(room).param(device).param(utc(start)).param(utc(start.plusSeconds(2400)))
                .param(utc(start.plusSeconds(2400))).update();

        mvc.perform(get("/api/v1/live/channels/" + room).with(by("t2"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("ENDED")).andExpect(jsonPath("$.schoolName").value("实验中学"))
                .andExpect(jsonPath("$.lesson.className").value("七年级2班"))
                .andExpect(jsonPath("$.lesson.subjectName").value("数学"))
                .andExpect(jsonPath("$.lesson.teacherName").value("赵敏"))
                .andExpect(jsonPath("$.lesson.period").value(1))
                .andExpect(jsonPath("$.lesson.startsAt").value("08:00:00"));
    }

    // ------------------------------------------------------------------ playback tokens

    @Test
    void aPlaybackTokenOpensOnlyItsChannelAndOnlyUntilItExpires() throws Exception {
        long room = classroom("S01", "录播教室1");
        long other = classroom("S01", "录播教室2");
        push(recorder("sadmin1", room), "index.m3u8", playlist()).andExpect(status().isNoContent());
        push(recorder("sadmin1", other), "index.m3u8", playlist("secret.ts")).andExpect(status().isNoContent());

        JsonNode playback = json.readTree(mvc.perform(get("/api/v1/live/channels/" + room + "/playback").with(by("t1")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        String url = playback.get("url").asString();
        assertThat(Instant.parse(playback.get("expiresAt").asString()))
                .isBeforeOrEqualTo(Instant.now().plus(settings.playbackTtl()).plusSeconds(1));
        String token = url.split("/")[3];
        mvc.perform(get(url)).andExpect(status().isOk()).andExpect(content().bytes(playlist()));

        // the token names its channel: changing it breaks the signature
        mvc.perform(get(url.replace("live-" + room + ".", "live-" + other + "."))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/playback-token"));
        // a lesson's token is no live token, and a live token is no lesson's
        String assetPrefix = tokens.issue(room, accounts.findByUsername("t1").orElseThrow().id(), Duration.ofHours(1));
        mvc.perform(get("/live/play/" + assetPrefix.split("/")[3] + "/index.m3u8")).andExpect(status().isForbidden());
        mvc.perform(get("/media/play/" + token + "/master.m3u8")).andExpect(status().isForbidden());
        // expired
        var past = new HmacPlaybackTokens(keyOf(), Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        mvc.perform(get("/live/play/" + past.sign("live", room, 1, settings.playbackTtl()) + "/index.m3u8"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/live/play/garbage/index.m3u8")).andExpect(status().isForbidden());
        // only the channel's own files, by valid names
        mvc.perform(get(url.replace("index.m3u8", "secret.ts"))).andExpect(status().isNotFound());
        mvc.perform(get(url.replace("index.m3u8", "..%2F" + other + "%2Findex.m3u8"))).andExpect(status().is4xxClientError());
    }

    // ------------------------------------------------------------------ live → lesson

    @Test
    void anEndedOpenClassBecomesThePublicLessonOfItsRecording() throws Exception {
        long room = classroom("S01", "录播教室2");
        String recorder = recorder("sadmin1", room);
        long deviceId = deviceIdOf(room);
        push(recorder, "index.m3u8", playlist()).andExpect(status().isNoContent());
        markOpenClass("sadmin1", room, true).andExpect(status().isOk());
        Instant started = events.stream(LiveStarted.class).filter(e -> e.classroomId() == room).findFirst()
                .orElseThrow().startedAt();
        broadcasts.sweep(Instant.now().plus(settings.staleAfter()).plusSeconds(1));
        mvc.perform(get("/api/v1/live/channels/" + room).with(by("t1"))).andExpect(jsonPath("$.state").value("ENDED"))
                .andExpect(jsonPath("$.lessonId").doesNotExist());

        // the recording of the same class started a little earlier and is uploaded after the live class ended
        long lesson = intake.fromRecording(new RecordingFacts(deviceId, room, started.minusSeconds(90)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc
                .perform(get("/api/v1/live/channels/" + room).with(by("p2")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.lessonId").value(lesson)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PUBLIC".equals(
                jdbc.sql("select visibility from lib_lesson where id = ?").param(lesson).query(String.class).single()));
    }

    @Test
    void aSessionEndingAfterItsLessonAppearedFindsItAtOnceAndAnEarlierRecordingLosesToALaterOne() throws Exception {
        long room = classroom("S01", "录播教室1");
        String recorder = recorder("sadmin1", room);
        long deviceId = deviceIdOf(room);
        Instant now = Instant.now();
        long earlier = intake.fromRecording(new RecordingFacts(deviceId, room, now.minus(Duration.ofMinutes(50))));
        push(recorder, "index.m3u8", playlist()).andExpect(status().isNoContent());
        long recording = intake.fromRecording(new RecordingFacts(deviceId, room, now.minusSeconds(5)));
        long nextPeriod = intake.fromRecording(new RecordingFacts(deviceId, room, now.plus(Duration.ofMinutes(55))));

        broadcasts.sweep(now.plus(settings.staleAfter()).plus(Duration.ofMinutes(1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc
                .perform(get("/api/v1/live/channels/" + room).with(by("t1")))
                .andExpect(jsonPath("$.lessonId").value(recording)));
        assertThat(recording).isNotIn(earlier, nextPeriod);
        assertThat(jdbc.sql("select visibility from lib_lesson where id = ?").param(recording).query(String.class)
                .single()).as("not an open class").isEqualTo("SCHOOL");
    }

    // ------------------------------------------------------------------ helpers

    RequestPostProcessor by(String username) {
        return ActingAs.user(accounts, username);
    }

    long classroom(String school, String name) {
        return jdbc.sql("""
                select r.id from org_classroom r join org_school s on s.id = r.school_id
                 where s.code = ? and r.name = ?""").param(school).param(name).query(Long.class).single();
    }

    long deviceIdOf(long room) {
        return jdbc.sql("select id from dev_device where classroom_id = ? and kind = 'RECORDER' and retired_at is null")
                .param(room).query(Long.class).single();
    }

    /** Enrolls a new recorder in the classroom (retiring the one before) and answers its bearer token. */
    String recorder(String admin, long room) throws Exception {
        return device(admin, room, "recorder");
    }

    String device(String admin, long room, String kind) throws Exception {
        String code = json.readTree(mvc.perform(post("/api/v1/devices/enrollment-codes").with(by(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("classroomId", room, "kind", kind))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("code").asString();
        Map<String, Object> request = Map.of("code", code, "kind", kind, "hostname", "box", "agentVersion", "0.1.0");
        return json.readTree(mvc.perform(post(AgentApi.ENROLL).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(request))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).get("token").asString();
    }

    ResultActions push(String deviceToken, String file, byte[] body) throws Exception {
        return mvc.perform(put(AgentApi.LIVE, file).header("Authorization", "Bearer " + deviceToken).content(body));
    }

    ResultActions markOpenClass(String user, long room, boolean open) throws Exception {
        return mvc.perform(put("/api/v1/live/channels/" + room).with(by(user)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"openClass\":" + open + "}"));
    }

    String playbackUrl(String user, long room) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/live/channels/" + room + "/playback").with(by(user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("url").asString();
    }

    /** The media module's signing key of this test context. */
    byte[] keyOf() {
        return (byte[]) java.util.Objects.requireNonNull(ReflectionTestUtils.getField(tokens, "key"));
    }

    static byte[] playlist(String... segments) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n"
                + "#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"init.mp4\"\n");
        for (String segment : segments) {
            m3u8.append("#EXTINF:1.000000,\n").append(segment).append('\n');
        }
        return m3u8.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * seed);
        }
        return bytes;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
