package org.ketang.platform.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.ActingAs;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.media.TestVideos;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

/**
 * The whole way of an uploaded lesson on the demo district: tus upload → probe → lesson classified from the
 * teacher's timetable → HLS ladder → playable through a signed link, found by a Chinese word — and the ways a
 * bad file is refused before it enters the library.
 */
@IntegrationTest
@ActiveProfiles({ "test", "demo" })
class LessonUploadApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUploadedVideoBecomesAPlayableClassifiedLesson() throws Exception {
        Actor teacher = as("t1");
        String upload = upload(teacher, TestVideos.clip(640, 360, 6), "勾股定理示范课.mp4", "勾股定理 示范课")
                .andExpect(status().isNoContent()).andReturn().getRequest().getRequestURI();
        long lesson = lessonOf(upload.substring(upload.lastIndexOf('/') + 1));
        awaitStatus(teacher, lesson, "READY"); // the poster comes after the first rendition

        String uploadId = upload.substring(upload.lastIndexOf('/') + 1);
        mvc.perform(get("/api/v1/lessons/by-upload/" + uploadId).with(ActingAs.actor(teacher)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(lesson))
                .andExpect(jsonPath("$.assetId").isNumber());
        mvc.perform(get("/api/v1/lessons/by-upload/" + uploadId).with(ActingAs.actor(as("t2"))))
                .andExpect(status().isNotFound());
        String poster = mvc.perform(get("/api/v1/lessons/" + lesson + "/poster").with(ActingAs.actor(as("s1"))))
                .andExpect(status().isFound()).andReturn().getResponse().getHeader("Location");
        mvc.perform(get(poster)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType("image/jpeg"));
        mvc.perform(get("/api/v1/lessons/" + lesson + "/poster").with(ActingAs.actor(as("t2"))))
                .andExpect(status().isNotFound());

        mvc.perform(get("/api/v1/lessons/" + lesson).with(ActingAs.actor(teacher))).andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("勾股定理 示范课"))
                .andExpect(jsonPath("$.subject.name").value("数学"))
                .andExpect(jsonPath("$.teacher.name").value("王芳"));

        String playback = mvc.perform(get("/api/v1/lessons/" + lesson + "/playback").with(ActingAs.actor(teacher)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String hls = JsonPath.read(playback, "$.hlsUrl");
        String master = mvc.perform(get(hls)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(master).startsWith("#EXTM3U").contains("RESOLUTION=640x360");

        // a student of the same school finds it by a Chinese word; the other school cannot see it at all
        mvc.perform(get("/api/v1/lessons/search").param("q", "勾股").with(ActingAs.actor(as("s1"))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.hits[?(@.lesson.id == " + lesson + ")]").isNotEmpty());
        mvc.perform(get("/api/v1/lessons/" + lesson + "/playback").with(ActingAs.actor(as("t2"))))
                .andExpect(status().isNotFound());
    }

    @Test
    void whatTheTeacherChoseOnTheUploadFormWinsOverTheTimetable() throws Exception {
        long chinese = jdbc.sql("select id from org_subject where name = '语文'").query(Long.class).single();
        long otherClass = jdbc.sql("""
                select c.id from org_class c join org_grade g on g.id = c.grade_id join org_school s on s.id = c.school_id
                 where s.code = 'S01' and g.name = '七年级' and c.name = '2班'""").query(Long.class).single();
        String extra = ",subjectId " + b64(String.valueOf(chinese)) + ",classId " + b64(String.valueOf(otherClass))
                + ",recordedOn " + b64("2026-11-20") + ",period " + b64("3");
        String upload = upload(as("t1"), TestVideos.clip(640, 360, 6), "朗读.mp4", "朗读指导", extra)
                .andExpect(status().isNoContent()).andReturn().getRequest().getRequestURI();
        long lesson = lessonOf(upload.substring(upload.lastIndexOf('/') + 1));
        mvc.perform(get("/api/v1/lessons/" + lesson).with(ActingAs.actor(as("t1")))).andExpect(status().isOk())
                .andExpect(jsonPath("$.subject.name").value("语文"))
                .andExpect(jsonPath("$.schoolClass.name").value("七年级2班"))
                .andExpect(jsonPath("$.recordedOn").value("2026-11-20"))
                .andExpect(jsonPath("$.period").value(3))
                .andExpect(jsonPath("$.teacher.name").value("王芳"));
    }

    @Test
    void aTextFileRenamedMp4IsRefusedWithTheReason() throws Exception {
        upload(as("t1"), TestVideos.textRenamedMp4(), "notes.mp4", "笔记").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("不是可用的视频文件")))
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("Not a usable video")));
    }

    @Test
    void anAudioOnlyFileIsRefusedWithTheReason() throws Exception {
        upload(as("t1"), TestVideos.audioOnly(), "录音.mp4", "录音").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("no video stream")));
    }

    @Test
    void aTruncatedFileIsRefusedWithTheReason() throws Exception {
        upload(as("t1"), TestVideos.truncated(), "半截.mp4", "半截").andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("truncated")));
    }

    @Test
    void anEmptyFileIsRefusedBeforeAnyByteIsSent() throws Exception {
        mvc.perform(post("/api/v1/uploads").with(ActingAs.actor(as("t1"))).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "0").header("Upload-Metadata", metadata("empty.mp4", "空")))
                .andExpect(status().isBadRequest());
    }

    ResultActions upload(Actor actor, Path file, String filename, String title) throws Exception {
        return upload(actor, file, filename, title, "");
    }

    /** Creates a tus upload for a lesson and sends the whole file in one PATCH; answers the PATCH's result. */
    ResultActions upload(Actor actor, Path file, String filename, String title, String moreMetadata) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String location = mvc.perform(post("/api/v1/uploads").with(ActingAs.actor(actor)).with(csrf())
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", bytes.length)
                .header("Upload-Metadata", metadata(filename, title) + moreMetadata))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        return mvc.perform(patch(location).with(ActingAs.actor(actor)).with(csrf()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", 0).contentType("application/offset+octet-stream").content(bytes));
    }

    static String metadata(String filename, String title) {
        return "filename " + b64(filename) + ",purpose " + b64("lesson") + ",title " + b64(title);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    long lessonOf(String uploadId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Optional<Long> id = jdbc.sql("select id from lib_lesson where source_key = :k").param("k", "upload:" + uploadId)
                    .query(Long.class).optional();
            if (id.isPresent()) {
                return id.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no lesson was created for upload " + uploadId);
    }

    void awaitStatus(Actor actor, long lesson, String... wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        String status = null;
        while (Instant.now().isBefore(deadline)) {
            String body = mvc.perform(get("/api/v1/lessons/" + lesson).with(ActingAs.actor(actor))).andReturn()
                    .getResponse().getContentAsString();
            status = JsonPath.read(body, "$.status");
            if (java.util.Arrays.asList(wanted).contains(status)) {
                return;
            }
            assertThat(status).as("lesson %d", lesson).isNotIn("REJECTED", "FAILED");
            Thread.sleep(500);
        }
        throw new AssertionError("lesson " + lesson + " stayed " + status);
    }

    Actor as(String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        BuiltInRole[] roles = a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new);
        return ActingAs.withRoles(a.id(), username, a.schoolId(), roles);
    }
}
