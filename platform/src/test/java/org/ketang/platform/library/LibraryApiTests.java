package org.ketang.platform.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.identity.ActingAs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/** The library on the demo district: 第一中学 (t1 王芳 teaches 七年级数学, ht1, s1, p1, sadmin1) and 实验中学 (t2, sadmin2). */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class LibraryApiTests {

    @TestConfiguration
    static class Links {
        @Bean
        @org.springframework.context.annotation.Primary
        PlaybackLinks playbackLinks() {
            return new PlaybackLinks() {
                @Override
                public Optional<Links> linksFor(long assetId, long userId) {
                    return Optional.of(new Links("/media/play/tok-" + assetId + "-" + userId + "/master.m3u8",
                            "/media/play/tok/poster.jpg", "/media/play/tok/sprite.vtt"));
                }

                @Override
                public Optional<String> downloadUrl(long assetId, long userId, String fileName) {
                    return Optional.of("/media/download/tok-" + assetId + "-" + userId + "/" + fileName);
                }
            };
        }
    }

    @Autowired MockMvc mvc;
    @Autowired LessonIntake intake;
    @Autowired LessonMedia media;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;

    Actor as(String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        BuiltInRole[] roles = a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new);
        return ActingAs.withRoles(a.id(), username, a.schoolId(), roles);
    }

    static RequestPostProcessor by(Actor actor) {
        return request -> SecurityMockMvcRequestPostProcessors.csrf().postProcessRequest(actor(actor).postProcessRequest(request));
    }

    long school(String code) {
        return jdbc.sql("select id from org_school where code = ?").param(code).query(Long.class).single();
    }

    /** A playable lesson uploaded by {@code username}, with a title, in a given visibility. */
    long lesson(String username, String title, Visibility visibility) throws Exception {
        long id = intake.fromUpload(new UploadFacts(UUID.randomUUID().toString(), as(username).userId(), "x.mp4",
                Instant.now(), title));
        media.attachAsset(id, 1000 + id);
        media.renditionPublished(id, 360);
        edit(username, id, Map.of("visibility", visibility.name())).andExpect(status().isOk());
        return id;
    }

    ResultActions edit(String username, long id, Map<String, Object> changes) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        var current = mvc.perform(get("/api/v1/lessons/" + id).with(by(as(username)))).andReturn().getResponse();
        String json = current.getContentAsString();
        body.put("title", com.jayway.jsonpath.JsonPath.read(json, "$.title"));
        body.put("description", com.jayway.jsonpath.JsonPath.read(json, "$.description"));
        body.put("recordedOn", com.jayway.jsonpath.JsonPath.read(json, "$.recordedOn"));
        body.put("visibility", com.jayway.jsonpath.JsonPath.read(json, "$.visibility"));
        body.put("downloadable", false);
        Object classId = com.jayway.jsonpath.JsonPath.read(json, "$.schoolClass") == null ? null
                : com.jayway.jsonpath.JsonPath.read(json, "$.schoolClass.id");
        Object subjectId = com.jayway.jsonpath.JsonPath.read(json, "$.subject") == null ? null
                : com.jayway.jsonpath.JsonPath.read(json, "$.subject.id");
        Object teacher = com.jayway.jsonpath.JsonPath.read(json, "$.teacher") == null ? null
                : com.jayway.jsonpath.JsonPath.read(json, "$.teacher.staffId");
        body.put("classId", classId);
        body.put("subjectId", subjectId);
        body.put("teacherStaffId", teacher);
        body.putAll(changes);
        return mvc.perform(put("/api/v1/lessons/" + id).with(by(as(username))).contentType(MediaType.APPLICATION_JSON)
                .content(json(body)));
    }

    static String json(Map<String, Object> body) {
        StringBuilder s = new StringBuilder("{");
        body.forEach((k, v) -> {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('"').append(k).append("\":");
            if (v == null || v instanceof Number || v instanceof Boolean) {
                s.append(v);
            } else if (v instanceof List<?> list) {
                s.append('[').append(String.join(",", list.stream().map(x -> "\"" + x + "\"").toList())).append(']');
            } else {
                s.append('"').append(v.toString().replace("\"", "\\\"")).append('"');
            }
        });
        return s.append('}').toString();
    }

    @Test
    void recordingIsClassifiedFromTheTimetableWithoutTyping() throws Exception {
        long classroom = jdbc.sql("select id from org_classroom where name = '录播教室1' and school_id = ?")
                .param(school("S01")).query(Long.class).single();
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(zone);
        LocalDate termStart = jdbc.sql("select start_date from org_term where school_id = ?").param(school("S01"))
                .query(LocalDate.class).single();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        if (monday.isBefore(termStart)) {
            monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        }
        // Monday period 2 (08:55) of 七年级1班 is 数学 with 王芳
        Instant at = monday.atTime(LocalTime.of(9, 1)).atZone(zone).toInstant();

        long id = intake.fromRecording(new RecordingFacts(7, classroom, at));
        long again = intake.fromRecording(new RecordingFacts(7, classroom, at));

        assertThat(again).isEqualTo(id);
        mvc.perform(get("/api/v1/lessons/" + id).with(by(as("t1")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.subject.name").value("数学"))
                .andExpect(jsonPath("$.schoolClass.name").value("七年级1班"))
                .andExpect(jsonPath("$.grade.name").value("七年级"))
                .andExpect(jsonPath("$.teacher.name").value("王芳"))
                .andExpect(jsonPath("$.period").value(2))
                .andExpect(jsonPath("$.recordedOn").value(monday.toString()))
                .andExpect(jsonPath("$.source").value("RECORDING"))
                .andExpect(jsonPath("$.status").value("PROCESSING"))
                .andExpect(jsonPath("$.mine").value(true));
    }

    @Test
    void secondIntakeOfTheSameUploadReturnsTheSameLessonPrefilledFromTheUploadersTimetable() throws Exception {
        long t1 = as("t1").userId();
        UploadFacts upload = new UploadFacts("up-42", t1, "一元二次方程复习.mp4", Instant.now(), null);

        long first = intake.fromUpload(upload);
        long second = intake.fromUpload(upload);

        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from lib_lesson where upload_id = 'up-42'").query(Integer.class).single())
                .isEqualTo(1);
        mvc.perform(get("/api/v1/lessons/" + first).with(by(as("t1")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("一元二次方程复习"))
                .andExpect(jsonPath("$.subject.name").value("数学"))
                .andExpect(jsonPath("$.grade.name").value("七年级"))
                .andExpect(jsonPath("$.teacher.name").value("王芳"))
                .andExpect(jsonPath("$.schoolId").value(school("S01")));
    }

    @Test
    void eachVisibilityReachesExactlyItsAudience() throws Exception {
        // who sees a playable lesson of 第一中学 uploaded by t1
        List<String> viewers = List.of("t1", "sadmin1", "ht1", "s1", "r1", "p1", "t2", "sadmin2");
        Map<Visibility, List<String>> expected = Map.of(
                Visibility.PRIVATE, List.of("t1", "sadmin1"),
                Visibility.SCHOOL, List.of("t1", "sadmin1", "ht1", "s1", "r1"),
                Visibility.DISTRICT, List.of("t1", "sadmin1", "ht1", "s1", "r1", "t2", "sadmin2"),
                Visibility.PUBLIC, viewers);
        for (Visibility visibility : Visibility.values()) {
            long id = lesson("t1", "可见性 " + visibility, visibility);
            for (String viewer : viewers) {
                boolean sees = expected.get(visibility).contains(viewer);
                mvc.perform(get("/api/v1/lessons/" + id).with(by(as(viewer))))
                        .andExpect(status().is(sees ? 200 : 404));
                mvc.perform(get("/api/v1/lessons").with(by(as(viewer))))
                        .andExpect(jsonPath("$.items[*].id", sees ? hasItem((int) id) : not(hasItem((int) id))));
                mvc.perform(get("/api/v1/lessons/search").param("q", "可见性").with(by(as(viewer))))
                        .andExpect(jsonPath("$.hits[*].lesson.id", sees ? hasItem((int) id) : not(hasItem((int) id))));
            }
        }
    }

    @Test
    void schoolOnlyLessonCannotBeFetchedSearchedListedPlayedOrFavouritedByAnotherSchoolEvenWithItsId() throws Exception {
        long id = lesson("t1", "函数图像 校内课", Visibility.SCHOOL);
        Actor other = as("t2");
        mvc.perform(get("/api/v1/lessons/" + id).with(by(other))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(other))).andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/lessons/" + id + "/favourite").with(by(other))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/lessons/" + id + "/progress").with(by(other)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"positionSeconds\":5,\"watchedSeconds\":5}")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/lessons/" + id).with(by(other))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/lessons").param("schoolId", String.valueOf(school("S01"))).with(by(other)))
                .andExpect(jsonPath("$.items[*].id", not(hasItem((int) id))));
        mvc.perform(get("/api/v1/lessons/search").param("q", "函数").with(by(other)))
                .andExpect(jsonPath("$.hits[*].lesson.id", not(hasItem((int) id))))
                .andExpect(jsonPath("$.total").value(0));
        String playlist = mvc.perform(post("/api/v1/playlists").with(by(other)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"收藏\",\"shared\":true}")).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        int playlistId = com.jayway.jsonpath.JsonPath.read(playlist, "$.id");
        mvc.perform(put("/api/v1/playlists/" + playlistId + "/lessons/" + id).with(by(other)))
                .andExpect(status().isNotFound());
        // while the same school's student may
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(as("s1")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.hlsUrl", containsString("master.m3u8")));
    }

    @Test
    void unfinishedLessonsShowOnlyToTheirOwnersWithTheReason() throws Exception {
        long id = intake.fromUpload(new UploadFacts("bad-1", as("t1").userId(), "notes.mp4", Instant.now(), "损坏的文件"));
        media.rejected(id, "不是视频文件", "Not a media file");
        media.renditionPublished(id, 360); // too late: a rejected lesson stays rejected
        mvc.perform(get("/api/v1/lessons/" + id).with(by(as("t1")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.reason.zh").value("不是视频文件"))
                .andExpect(jsonPath("$.reason.en").value("Not a media file"));
        mvc.perform(get("/api/v1/lessons/" + id).with(by(as("ht1")))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/me/space").with(by(as("t1"))))
                .andExpect(jsonPath("$.lessons[*].id", hasItem((int) id)));
    }

    @Test
    void chineseSearchFindsWordsInsideCompoundsAndHighlightsThem() throws Exception {
        long equation = lesson("t1", "一元二次方程的解法", Visibility.DISTRICT);
        long fractions = lesson("t1", "分数的加减法", Visibility.DISTRICT);
        long english = lesson("t1", "Unit 3 Reading: Animals", Visibility.DISTRICT);
        Actor viewer = as("r1");

        mvc.perform(get("/api/v1/lessons/search").param("q", "方程").with(by(viewer)))
                .andExpect(jsonPath("$.hits[*].lesson.id", hasItem((int) equation)))
                .andExpect(jsonPath("$.hits[*].lesson.id", not(hasItem((int) fractions))))
                .andExpect(jsonPath("$.hits[0].titleHtml", containsString("<mark>")));
        mvc.perform(get("/api/v1/lessons/search").param("q", "一元二次方程").with(by(viewer)))
                .andExpect(jsonPath("$.hits.length()").value(1))
                .andExpect(jsonPath("$.hits[0].lesson.id").value(equation));
        // 数学 is the subject of every lesson t1 uploads (pre-filled from the timetable)
        mvc.perform(get("/api/v1/lessons/search").param("q", "数学").with(by(viewer)))
                .andExpect(jsonPath("$.hits[*].lesson.id", hasItem((int) equation)))
                .andExpect(jsonPath("$.hits[*].lesson.id", hasItem((int) fractions)))
                .andExpect(jsonPath("$.facets.subject[0].name").value("数学"));
        mvc.perform(get("/api/v1/lessons/search").param("q", "reading").with(by(viewer)))
                .andExpect(jsonPath("$.hits.length()").value(1))
                .andExpect(jsonPath("$.hits[0].lesson.id").value(english))
                .andExpect(jsonPath("$.hits[0].titleHtml", containsString("<mark>Reading</mark>")));
        mvc.perform(get("/api/v1/lessons/search").param("q", "王芳 加减").with(by(viewer)))
                .andExpect(jsonPath("$.hits.length()").value(1))
                .andExpect(jsonPath("$.hits[0].lesson.id").value(fractions));
    }

    @Test
    void theOriginalIsOfferedForDownloadOnlyWhereTheOwnerAllowedIt() throws Exception {
        long id = lesson("t1", "下载测试", Visibility.SCHOOL);
        // the owner always may; a viewer of the same school only once the lesson is marked downloadable
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(as("t1"))))
                .andExpect(jsonPath("$.downloadUrl", containsString("/media/download/")))
                .andExpect(jsonPath("$.downloadUrl", containsString("下载测试")));
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(as("s1"))))
                .andExpect(jsonPath("$.downloadUrl").doesNotExist());
        edit("t1", id, Map.of("downloadable", true)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(as("s1"))))
                .andExpect(jsonPath("$.downloadUrl", containsString("/media/download/")));
    }

    @Test
    void viewsCountOncePerViewerInHalfAnHourAndWatchTimeAddsUp() throws Exception {
        long id = lesson("t1", "统计测试", Visibility.SCHOOL);
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(as("s1")))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(as("s1")))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/lessons/" + id + "/playback").with(by(as("ht1")))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/lessons/" + id + "/progress").with(by(as("s1"))).contentType(MediaType.APPLICATION_JSON)
                .content("{\"positionSeconds\":95,\"watchedSeconds\":60}")).andExpect(status().isNoContent());
        mvc.perform(post("/api/v1/lessons/" + id + "/progress").with(by(as("s1"))).contentType(MediaType.APPLICATION_JSON)
                .content("{\"positionSeconds\":125,\"watchedSeconds\":30}")).andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/lessons/" + id).with(by(as("s1")))).andExpect(jsonPath("$.views").value(2))
                .andExpect(jsonPath("$.resumeAt").value(125));
        mvc.perform(get("/api/v1/lessons/" + id).with(by(as("ht1")))).andExpect(jsonPath("$.resumeAt").doesNotExist());
        // other tests of this class may have counted views too: look at this lesson's line
        String lessonLine = "$.topLessons[?(@.lessonId == " + id + ")]";
        mvc.perform(get("/api/v1/lessons/stats").with(by(as("sadmin1")))).andExpect(status().isOk())
                .andExpect(jsonPath(lessonLine + ".views").value(2))
                .andExpect(jsonPath(lessonLine + ".uniqueViewers").value(2))
                .andExpect(jsonPath(lessonLine + ".watchSeconds").value(90))
                .andExpect(jsonPath("$.schools[0].schoolId").value(school("S01")))
                .andExpect(jsonPath("$.days.length()").value(30));
        mvc.perform(get("/api/v1/lessons/stats").with(by(as("sadmin2")))).andExpect(jsonPath("$.totalViews").value(0));
        mvc.perform(get("/api/v1/lessons/stats").param("schoolId", String.valueOf(school("S01"))).with(by(as("sadmin2"))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/lessons/stats").with(by(as("t1")))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/me/space").with(by(as("s1"))))
                .andExpect(jsonPath("$.history[0].lesson.id").value(id))
                .andExpect(jsonPath("$.history[0].positionSeconds").value(125));
    }

    @Test
    void sharedPlaylistShowsEachViewerOnlyTheLessonsTheyMaySee() throws Exception {
        long mine = lesson("t1", "私有课", Visibility.PRIVATE);
        long open = lesson("t1", "全区课", Visibility.DISTRICT);
        String created = mvc.perform(post("/api/v1/playlists").with(by(as("t1"))).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"七年级数学\",\"shared\":false}")).andExpect(status().isCreated()).andReturn()
                .getResponse().getContentAsString();
        int playlist = com.jayway.jsonpath.JsonPath.read(created, "$.id");
        mvc.perform(put("/api/v1/playlists/" + playlist + "/lessons/" + mine).with(by(as("t1")))).andExpect(status().isOk());
        mvc.perform(put("/api/v1/playlists/" + playlist + "/lessons/" + open).with(by(as("t1")))).andExpect(status().isOk());
        mvc.perform(put("/api/v1/playlists/" + playlist + "/order").with(by(as("t1"))).contentType(MediaType.APPLICATION_JSON)
                .content("{\"lessonIds\":[" + open + "," + mine + "]}")).andExpect(status().isOk())
                .andExpect(jsonPath("$.lessons[0].id").value(open));

        mvc.perform(get("/api/v1/playlists/" + playlist).with(by(as("t2")))).andExpect(status().isNotFound());
        mvc.perform(put("/api/v1/playlists/" + playlist).with(by(as("t1"))).contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"七年级数学\",\"shared\":true}")).andExpect(status().isOk());

        mvc.perform(get("/api/v1/playlists/" + playlist).with(by(as("t2")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.lessons.length()").value(1))
                .andExpect(jsonPath("$.lessons[0].id").value(open));
        mvc.perform(get("/api/v1/playlists/" + playlist).with(by(as("t1"))))
                .andExpect(jsonPath("$.lessons.length()").value(2));
        mvc.perform(get("/api/v1/spaces/" + as("t1").userId()).with(by(as("t2"))))
                .andExpect(jsonPath("$.playlists[0].lessons").value(1))
                .andExpect(jsonPath("$.lessons[*].id", hasItem((int) open)))
                .andExpect(jsonPath("$.lessons[*].id", not(hasItem((int) mine))))
                .andExpect(jsonPath("$.history").doesNotExist());
        mvc.perform(put("/api/v1/playlists/" + playlist + "/lessons/" + open).with(by(as("t2"))))
                .andExpect(status().isForbidden());
    }

    @Test
    void onlyTheTeacherTheUploaderOrAManagerEditsAndDeletes() throws Exception {
        long id = lesson("t1", "编辑权限", Visibility.SCHOOL);
        edit("ht1", id, Map.of("title", "改名")).andExpect(status().isForbidden());
        edit("sadmin1", id, Map.of("title", "改名", "tags", List.of("复习", "期中"), "chapter", "第二章 一元二次方程"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.tags[1]").value("期中"));
        mvc.perform(get("/api/v1/lessons/search").param("q", "期中").with(by(as("s1"))))
                .andExpect(jsonPath("$.hits[0].lesson.id").value(id));
        mvc.perform(delete("/api/v1/lessons/" + id).with(by(as("ht1")))).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/lessons/" + id).with(by(as("t1")))).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/lessons/" + id).with(by(as("t1")))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/lessons/search").param("q", "期中").with(by(as("s1"))))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void districtManagerRebuildsTheSearchIndexFromTheDatabase() throws Exception {
        long id = lesson("t1", "勾股定理", Visibility.PUBLIC);
        mvc.perform(post("/api/v1/lessons/search/rebuild").with(by(as("sadmin1")))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/lessons/search/rebuild").with(by(as("admin")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.lessons").isNumber());
        mvc.perform(get("/api/v1/lessons/search").param("q", "勾股").with(by(as("p2"))))
                .andExpect(jsonPath("$.hits[0].lesson.id").value(id));
    }

    @Test
    void matrixCountsTheLessonsEachViewerMaySeePerGradeAndSubject() throws Exception {
        String school = String.valueOf(school("S01"));
        int before = mathsOfGrade7(school, "s1");
        int otherBefore = mathsOfGrade7(school, "t2");
        lesson("t1", "矩阵一", Visibility.SCHOOL);
        lesson("t1", "矩阵二", Visibility.SCHOOL);
        assertThat(mathsOfGrade7(school, "s1")).isEqualTo(before + 2);
        assertThat(mathsOfGrade7(school, "t2")).isEqualTo(otherBefore);
        mvc.perform(get("/api/v1/lessons").param("sort", "views").param("subjectId", "999").with(by(as("s1"))))
                .andExpect(jsonPath("$.total").value(0));
    }

    int mathsOfGrade7(String school, String username) throws Exception {
        String json = mvc.perform(get("/api/v1/lessons/matrix").param("schoolId", school).with(by(as(username))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Integer> counts = com.jayway.jsonpath.JsonPath.read(json,
                "$.cells[?(@.subjectId == " + subject("数学") + ")].count");
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    long subject(String name) {
        return jdbc.sql("select id from org_subject where name = ?").param(name).query(Long.class).single();
    }
}
