package org.ketang.platform.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.RecordingReport;
import org.ketang.agent.protocol.ScheduleCalendar;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.agent.protocol.UploadMetadata;
import org.ketang.platform.ingest.Upload;
import org.ketang.platform.ingest.Uploads;
import org.ketang.platform.media.TestVideos;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * A recorder reports a recording and uploads it with tus and its own token; the platform confirms it (so the agent
 * may free its disk) only once the whole file arrived with a verified SHA-256, and makes it a library lesson
 * classified from the timetable of the classroom at the time it was recorded.
 */
class RecordingUploadApiTests extends DeviceApiTest {

    @Autowired Uploads uploads;

    /** A lesson of 数学 (王芳) in 七年级1班's home classroom, from the classroom's own schedule. */
    ScheduleEntry mathLesson(Agent agent) throws Exception {
        String calendar = new String(mvc.perform(get(AgentApi.SCHEDULE).with(agent.auth())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        return ScheduleCalendar.read(calendar).stream().filter(e -> e.title().contains(" 数学 ")).findFirst()
                .orElseThrow();
    }

    JsonNode report(Agent agent, RecordingReport report) throws Exception {
        String body = mvc.perform(put(AgentApi.expand(AgentApi.RECORDING, report.recordingId())).with(agent.auth())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(report)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    JsonNode held(Agent agent, String recordingId) throws Exception {
        return json.readTree(mvc.perform(get(AgentApi.expand(AgentApi.RECORDING, recordingId)).with(agent.auth()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** Uploads the whole file with tus as the agent does; answers the upload id. */
    String upload(Agent agent, byte[] file, Map<String, String> metadata) throws Exception {
        String header = metadata.entrySet().stream().map(e -> e.getKey() + " "
                + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
        String location = mvc.perform(post(AgentApi.UPLOADS).with(agent.auth()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", file.length).header("Upload-Metadata", header))
                .andExpect(status().isCreated()).andReturn().getResponse().getHeader("Location");
        mvc.perform(patch(location).with(agent.auth()).header("Tus-Resumable", "1.0.0").header("Upload-Offset", 0)
                .contentType("application/offset+octet-stream").content(file)).andExpect(status().isNoContent());
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static Map<String, String> metadata(String recordingId, Instant started, Instant ended, String sha256) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(UploadMetadata.PURPOSE, AgentApi.UPLOAD_PURPOSE);
        m.put(UploadMetadata.RECORDING_ID, recordingId);
        m.put(UploadMetadata.STARTED_AT, started.toString());
        m.put(UploadMetadata.ENDED_AT, ended.toString());
        m.put(UploadMetadata.FILENAME, recordingId + ".mp4");
        m.put(UploadMetadata.SHA256, sha256);
        return m;
    }

    JsonNode awaitLesson(Agent agent, String recordingId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode status = held(agent, recordingId);
        while (status.get("lessonId").isNull() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            status = held(agent, recordingId);
        }
        return status;
    }

    @Test
    void anUploadedRecordingIsConfirmedAndBecomesAClassifiedLesson() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室1"));
        ScheduleEntry lesson = mathLesson(agent);
        Instant started = lesson.start().minusSeconds(60); // pressed a minute before the bell
        Instant ended = lesson.end().plusSeconds(30);
        byte[] file = Files.readAllBytes(TestVideos.clip(320, 180, 2));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        String recordingId = "r-" + started.getEpochSecond();

        JsonNode reported = report(agent, new RecordingReport(recordingId, RecordingReport.Phase.FINISHED, started,
                ended, file.length, sha256, null, lesson.uid(), null));
        assertThat(reported.get("confirmed").asBoolean()).isFalse();
        assertThat(reported.get("sha256").isNull()).isTrue();

        String uploadId = upload(agent, file, metadata(recordingId, started, ended, sha256));

        JsonNode confirmed = awaitLesson(agent, recordingId);
        assertThat(confirmed.get("recordingId").asString()).isEqualTo(recordingId);
        assertThat(confirmed.get("confirmed").asBoolean()).isTrue();
        assertThat(confirmed.get("sha256").asString()).isEqualTo(sha256);
        long lessonId = confirmed.get("lessonId").asLong();
        mvc.perform(get("/api/v1/lessons/" + lessonId).with(by("sadmin1"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("RECORDING"))
                .andExpect(jsonPath("$.schoolName").value("第一中学"))
                .andExpect(jsonPath("$.grade.name").value("七年级"))
                .andExpect(jsonPath("$.schoolClass.name").value("七年级1班"))
                .andExpect(jsonPath("$.subject.name").value("数学"))
                .andExpect(jsonPath("$.teacher.name").value("王芳"))
                .andExpect(jsonPath("$.period").value(Integer.parseInt(lesson.uid().substring(lesson.uid().lastIndexOf('-') + 1))));
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/recordings").with(by("sadmin1")))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].recordingId").value(recordingId))
                .andExpect(jsonPath("$[0].phase").value("FINISHED"))
                .andExpect(jsonPath("$[0].scheduleUid").value(lesson.uid()))
                .andExpect(jsonPath("$[0].confirmedSha256").value(sha256))
                .andExpect(jsonPath("$[0].uploadId").value(uploadId))
                .andExpect(jsonPath("$[0].lessonId").value(lessonId));
        mvc.perform(get("/api/v1/devices/" + agent.deviceId() + "/recordings").with(by("sadmin2")))
                .andExpect(status().isNotFound());
        assertThat(uploads.find(uploadId)).get().extracting(Upload::claimed).isEqualTo(true);

        // a later report (uploaded) keeps the platform's confirmation
        assertThat(report(agent, new RecordingReport(recordingId, RecordingReport.Phase.UPLOADED, started, ended,
                file.length, sha256, "/api/v1/uploads/" + uploadId, lesson.uid(), null)).get("confirmed").asBoolean())
                .isTrue();

        // the same recording sent again (the agent never saw the confirmation) stays one lesson
        String again = upload(agent, file, metadata(recordingId, started, ended, sha256));
        Instant deadline = Instant.now().plusSeconds(60);
        while (!uploads.find(again).orElseThrow().claimed() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(uploads.find(again)).get().extracting(Upload::claimed).isEqualTo(true);
        assertThat(held(agent, recordingId).get("lessonId").asLong()).isEqualTo(lessonId);
        assertThat(jdbc.sql("select count(*) from lib_lesson where recorder_id = ?").param(agent.deviceId())
                .query(Long.class).single()).isEqualTo(1);

        // and it goes all the way through media processing like an uploaded lesson
        Instant ready = Instant.now().plus(Duration.ofMinutes(3));
        String state = "";
        while (!state.equals("READY") && Instant.now().isBefore(ready)) {
            state = json.readTree(mvc.perform(get("/api/v1/lessons/" + lessonId).with(by("sadmin1"))).andReturn()
                    .getResponse().getContentAsString()).get("status").asString();
            assertThat(state).isNotIn("REJECTED", "FAILED");
            Thread.sleep(500);
        }
        assertThat(state).isEqualTo("READY");
    }

    @Test
    void aDeviceOnlySeesItsOwnRecordingsAndAnUnknownOneIsNotConfirmed() throws Exception {
        Agent agent = recorder("sadmin2", classroom("S02", "录播教室1"));
        Agent other = recorder("sadmin2", classroom("S02", "录播教室2"));
        Instant started = Instant.now().minusSeconds(600);
        report(agent, new RecordingReport("r-own", RecordingReport.Phase.RECORDING, started, null, 1000, null, null,
                null, null));

        JsonNode unknown = held(other, "r-own");
        assertThat(unknown.get("confirmed").asBoolean()).isFalse();
        assertThat(unknown.get("lessonId").isNull()).isTrue();
        mvc.perform(get("/api/v1/devices/" + other.deviceId() + "/recordings").with(by("sadmin2")))
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(put(AgentApi.expand(AgentApi.RECORDING, "r-own")).with(agent.auth())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(new RecordingReport("r-other",
                        RecordingReport.Phase.RECORDING, started, null, 0, null, null, null, null))))
                .andExpect(status().isBadRequest());
        mvc.perform(get(AgentApi.expand(AgentApi.RECORDING, "bad id!")).with(agent.auth()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aRecorderUploadsRecordingsOnlyAndAlwaysWithItsSha256() throws Exception {
        Agent agent = recorder("sadmin1", classroom("S01", "录播教室2"));
        String lesson = "purpose " + Base64.getEncoder().encodeToString("lesson".getBytes(StandardCharsets.UTF_8));
        mvc.perform(post(AgentApi.UPLOADS).with(agent.auth()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", 100).header("Upload-Metadata", lesson))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/upload-purpose-forbidden"));
        Map<String, String> noSha = metadata("r-1", Instant.now().minusSeconds(60), Instant.now(), "x");
        noSha.remove(UploadMetadata.SHA256);
        String header = noSha.entrySet().stream().map(e -> e.getKey() + " "
                + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
        mvc.perform(post(AgentApi.UPLOADS).with(agent.auth()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", 100).header("Upload-Metadata", header)).andExpect(status().isBadRequest());
    }
}
