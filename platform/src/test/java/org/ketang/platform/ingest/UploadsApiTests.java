package org.ketang.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.ingest.UploadCheck.Rejection;
import org.ketang.platform.ingest.internal.IngestSettings;
import org.ketang.platform.ingest.internal.ResumableUploads;
import org.ketang.platform.ingest.internal.UploadFiles;
import org.ketang.platform.ingest.internal.UploadRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import static org.ketang.platform.identity.ActingAs.actor;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.ketang.platform.identity.ActingAs.withRoles;

@IntegrationTest
@RecordApplicationEvents
@TestPropertySource(properties = { "ketang.ingest.max-upload-size=8MB", "ketang.ingest.per-user-quota=10MB" })
class UploadsApiTests {

    static final AtomicLong USER_IDS = new AtomicLong(900_000 + new Random().nextInt(1_000_000));
    static final String TUS = "1.0.0";

    /** Stands in for the media module's probe: refuses files that start with "NOT VIDEO". */
    @TestConfiguration
    static class NotVideoCheck {
        @Bean
        UploadCheck notVideo() {
            return (file, filename, metadata) -> {
                try (var in = Files.newInputStream(file)) {
                    byte[] head = in.readNBytes(9);
                    return new String(head, StandardCharsets.US_ASCII).equals("NOT VIDEO")
                            ? Optional.of(new Rejection("not-media", "不是音视频文件：" + filename,
                                    "Not a media file: " + filename))
                            : Optional.empty();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    Uploads uploads;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResumableUploads resumable;

    @Test
    void optionsAnnouncesTheTusVersionExtensionsAndMaxSize() throws Exception {
        mvc.perform(options("/api/v1/uploads").with(actor(teacher()))).andExpect(status().isNoContent())
                .andExpect(header().string("Tus-Resumable", TUS)).andExpect(header().string("Tus-Version", TUS))
                .andExpect(header().string("Tus-Extension", "creation,termination,expiration"))
                .andExpect(header().string("Tus-Max-Size", String.valueOf(8L << 20)));
    }

    @Test
    void aFileSentInThreeChunksArrivesWholeWithItsSha256AndIsAnnounced() throws Exception {
        Actor teacher = teacher();
        byte[] file = bytes(300_000);
        String id = create(teacher, file.length, meta("filename", "第一课.mp4", "filetype", "video/mp4", "sha256",
                sha256(file), "purpose", "homework", "title", "勾股定理", "subjectId", "12"))
                .andExpect(status().isCreated()).andExpect(header().string("Tus-Resumable", TUS))
                .andExpect(header().exists("Upload-Expires")).andReturn().getResponse().getHeader("Location")
                .substring("/api/v1/uploads/".length());
        head(teacher, id).andExpect(status().isOk()).andExpect(header().string("Upload-Offset", "0"))
                .andExpect(header().string("Upload-Length", "300000"))
                .andExpect(header().string("Cache-Control", "no-store"));

        patchBytes(teacher, id, 0, Arrays.copyOfRange(file, 0, 100_000)).andExpect(status().isNoContent())
                .andExpect(header().string("Upload-Offset", "100000")).andExpect(header().exists("Upload-Expires"));
        head(teacher, id).andExpect(header().string("Upload-Offset", "100000"));
        patchBytes(teacher, id, 100_000, Arrays.copyOfRange(file, 100_000, 200_000))
                .andExpect(header().string("Upload-Offset", "200000"));
        head(teacher, id).andExpect(header().string("Upload-Offset", "200000"));
        assertThat(events.stream(UploadCompleted.class)).isEmpty();
        patchBytes(teacher, id, 200_000, Arrays.copyOfRange(file, 200_000, 300_000)).andExpect(status().isNoContent())
                .andExpect(header().string("Upload-Offset", "300000"));

        Upload upload = uploads.find(id).orElseThrow();
        assertThat(upload.state()).isEqualTo(Upload.State.COMPLETED);
        assertThat(upload.sha256()).isEqualTo(sha256(file));
        assertThat(Files.readAllBytes(upload.file())).isEqualTo(file);
        assertThat(events.stream(UploadCompleted.class)).singleElement().satisfies(event -> {
            assertThat(event.uploadId()).isEqualTo(id);
            assertThat(event.ownerUserId()).isEqualTo(teacher.userId());
            assertThat(event.schoolId()).isEqualTo(1L);
            assertThat(event.size()).isEqualTo(300_000);
            assertThat(event.sha256()).isEqualTo(sha256(file));
            assertThat(event.filename()).isEqualTo("第一课.mp4");
            assertThat(event.purpose()).isEqualTo("homework");
            assertThat(event.metadata()).containsEntry("title", "勾股定理").containsEntry("subjectId", "12");
            assertThat(event.file()).isEqualTo(upload.file());
        });
    }

    @Test
    void aPatchAtTheWrongOffsetIsAConflictAndWritesNothing() throws Exception {
        Actor teacher = teacher();
        String id = newUpload(teacher, 1000, meta("filename", "a.mp4"));
        patchBytes(teacher, id, 0, bytes(400)).andExpect(status().isNoContent());
        patchBytes(teacher, id, 200, bytes(100)).andExpect(status().isConflict())
                .andExpect(header().string("Tus-Resumable", TUS))
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/offset-mismatch"))
                .andExpect(jsonPath("$.offset").value(400));
        head(teacher, id).andExpect(header().string("Upload-Offset", "400"));
    }

    @Test
    void aSha256MismatchRejectsTheUploadDeletesTheFileAndAnnouncesNothing() throws Exception {
        Actor teacher = teacher();
        byte[] file = bytes(5000);
        String id = newUpload(teacher, file.length, meta("filename", "a.mp4", "sha256", sha256(bytes(5001))));
        patchBytes(teacher, id, 0, file).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/checksum-mismatch"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("校验失败")))
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("Checksum mismatch")));
        Upload upload = uploads.find(id).orElseThrow();
        assertThat(upload.state()).isEqualTo(Upload.State.REJECTED);
        assertThat(upload.file()).doesNotExist();
        assertThat(events.stream(UploadCompleted.class)).isEmpty();
        head(teacher, id).andExpect(status().isGone());
        mvc.perform(get("/api/v1/uploads").with(actor(teacher))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].state").value("REJECTED"))
                .andExpect(jsonPath("$[0].error.code").value("checksum-mismatch"));
    }

    @Test
    void aFileThatFailsACheckIsRefusedWith422AndTheReason() throws Exception {
        Actor teacher = teacher();
        byte[] file = "NOT VIDEO, just a text file renamed".getBytes(StandardCharsets.US_ASCII);
        String id = newUpload(teacher, file.length, meta("filename", "notes.mp4"));
        patchBytes(teacher, id, 0, file).andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/upload-rejected"))
                .andExpect(jsonPath("$.reason").value("not-media"))
                .andExpect(jsonPath("$.detail").value("不是音视频文件：notes.mp4"))
                .andExpect(jsonPath("$.detailEn").value("Not a media file: notes.mp4"));
        assertThat(uploads.find(id).orElseThrow().state()).isEqualTo(Upload.State.REJECTED);
        assertThat(uploads.find(id).orElseThrow().file()).doesNotExist();
        assertThat(events.stream(UploadCompleted.class)).isEmpty();
    }

    @Test
    void anEmptyFileIsRefusedAtCreation() throws Exception {
        create(teacher(), 0, meta("filename", "empty.mp4")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/empty-upload"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("空")));
    }

    @Test
    void aFileOverTheMaximumSizeIsRefusedWith413() throws Exception {
        create(teacher(), (8L << 20) + 1, meta("filename", "huge.mp4")).andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/upload-too-large"));
    }

    @Test
    void creatingBeyondTheQuotaIsRefusedWith413() throws Exception {
        Actor teacher = teacher();
        create(teacher, 6L << 20, meta("filename", "a.mp4")).andExpect(status().isCreated());
        create(teacher, 5L << 20, meta("filename", "b.mp4")).andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/upload-quota-exceeded"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("配额")))
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("quota")))
                .andExpect(jsonPath("$.used").value(6L << 20));
        create(teacher(), 5L << 20, meta("filename", "b.mp4")).andExpect(status().isCreated());
    }

    @Test
    void anotherUsersUploadIsNotFound() throws Exception {
        Actor owner = teacher();
        String id = newUpload(owner, 100, meta("filename", "a.mp4"));
        Actor other = teacher();
        head(other, id).andExpect(status().isNotFound());
        patchBytes(other, id, 0, bytes(100)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/uploads/" + id).header("Tus-Resumable", TUS).with(actor(other)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/uploads").with(actor(other))).andExpect(jsonPath("$").isEmpty());
        head(owner, id).andExpect(status().isOk());
    }

    @Test
    void aDistrictAdminSeesEveryUploadButCannotWriteIntoIt() throws Exception {
        Actor owner = teacher();
        String id = newUpload(owner, 100, meta("filename", "a.mp4"));
        Actor admin = withRoles(USER_IDS.incrementAndGet(), "admin", null, BuiltInRole.DISTRICT_ADMIN);
        head(admin, id).andExpect(status().isOk());
        mvc.perform(get("/api/v1/uploads?all=true").with(actor(admin)))
                .andExpect(jsonPath("$[?(@.id == '" + id + "')]").isNotEmpty());
        patchBytes(admin, id, 0, bytes(100)).andExpect(status().isForbidden());
    }

    @Test
    void withoutTheUploadPermissionEverythingIsForbidden() throws Exception {
        Actor student = withRoles(USER_IDS.incrementAndGet(), "student", 1L, BuiltInRole.STUDENT);
        create(student, 100, meta("filename", "a.mp4")).andExpect(status().isForbidden())
                .andExpect(header().string("Tus-Resumable", TUS));
        mvc.perform(get("/api/v1/uploads").with(actor(student))).andExpect(status().isForbidden());
    }

    @Test
    void aDeviceUploadsRecordingsOnlyAndOnlyDevicesUploadRecordings() throws Exception {
        Actor device = withRoles(USER_IDS.incrementAndGet(), "device-1", 1L, BuiltInRole.DEVICE);
        create(device, 100, meta("filename", "a.mp4", "purpose", "lesson")).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/upload-purpose-forbidden"))
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("purpose=recording")));
        create(device, 100, meta("filename", "a.mp4")).andExpect(status().isForbidden());
        create(device, 100, meta("filename", "a.mp4", "purpose", "recording")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detailEn").value(org.hamcrest.Matchers.containsString("sha256")));
        create(device, 100, meta("filename", "a.mp4", "purpose", "recording", "sha256", sha256(bytes(100))))
                .andExpect(status().isCreated());
        create(teacher(), 100, meta("filename", "a.mp4", "purpose", "recording", "sha256", sha256(bytes(100))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("https://ketang.dev/problems/upload-purpose-forbidden"));
    }

    @Test
    void aRequestWithoutTusResumableIsAPreconditionFailure() throws Exception {
        mvc.perform(post("/api/v1/uploads").header("Upload-Length", "10").with(actor(teacher())).with(csrf()))
                .andExpect(status().isPreconditionFailed()).andExpect(header().string("Tus-Resumable", TUS));
    }

    @Test
    void terminationDeletesTheUploadAndItsFile() throws Exception {
        Actor teacher = teacher();
        String id = newUpload(teacher, 1000, meta("filename", "a.mp4"));
        patchBytes(teacher, id, 0, bytes(500)).andExpect(status().isNoContent());
        Path file = resumable.fileOf(id);
        assertThat(file).exists();
        mvc.perform(delete("/api/v1/uploads/" + id).header("Tus-Resumable", TUS).with(actor(teacher)).with(csrf()))
                .andExpect(status().isNoContent()).andExpect(header().string("Tus-Resumable", TUS));
        assertThat(file).doesNotExist();
        head(teacher, id).andExpect(status().isNotFound());
    }

    @Test
    void unfinishedUploadsExpireAndLoseTheirPartialFile() throws Exception {
        Actor teacher = teacher();
        String id = newUpload(teacher, 1000, meta("filename", "a.mp4"));
        patchBytes(teacher, id, 0, bytes(500)).andExpect(status().isNoContent());
        String fresh = newUpload(teacher, 1000, meta("filename", "b.mp4"));
        jdbc.sql("update ingest_upload set expires_at = :past where id = :id")
                .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)).param("id", id).update();

        resumable.expire(Instant.now());

        assertThat(resumable.fileOf(id)).doesNotExist();
        assertThat(uploads.find(id).orElseThrow().state()).isEqualTo(Upload.State.EXPIRED);
        head(teacher, id).andExpect(status().isGone());
        mvc.perform(get("/api/v1/uploads/" + id).with(actor(teacher)))
                .andExpect(jsonPath("$.state").value("EXPIRED")).andExpect(jsonPath("$.error.code").value("expired"));
        assertThat(uploads.find(fresh).orElseThrow().state()).isEqualTo(Upload.State.RECEIVING);
        assertThat(resumable.fileOf(fresh)).exists();
    }

    @Test
    void anUnfinishedUploadStaysResumableAcrossARestart(@Autowired UploadRows rows, @Autowired IngestSettings settings,
            @Autowired List<UploadCheck> checks, @Autowired ApplicationEventPublisher publisher,
            @Autowired TransactionTemplate transactions) throws Exception {
        Actor teacher = teacher();
        byte[] file = bytes(20_000);
        String id = newUpload(teacher, file.length, meta("filename", "a.mp4", "sha256", sha256(file)));
        patchBytes(teacher, id, 0, Arrays.copyOfRange(file, 0, 12_345)).andExpect(status().isNoContent());

        // a new server: nothing of the old one but the database and the upload directory
        ResumableUploads restarted = new ResumableUploads(rows, new UploadFiles(resumable.fileOf(id).getParent()),
                settings, checks, java.util.List.of(), publisher, transactions);
        long offset = restarted.resumable(teacher, id).received();
        assertThat(offset).isEqualTo(12_345);
        restarted.append(teacher, id, offset, file.length - offset,
                new java.io.ByteArrayInputStream(Arrays.copyOfRange(file, (int) offset, file.length)));

        Upload upload = uploads.find(id).orElseThrow();
        assertThat(upload.state()).isEqualTo(Upload.State.COMPLETED);
        assertThat(upload.sha256()).isEqualTo(sha256(file));
        assertThat(events.stream(UploadCompleted.class)).singleElement()
                .satisfies(e -> assertThat(e.uploadId()).isEqualTo(id));
    }

    @Test
    void aCompletedUploadCannotBeDeletedAndClaimingItFreesTheQuota() throws Exception {
        Actor teacher = teacher();
        byte[] file = bytes(6 << 20);
        String id = newUpload(teacher, file.length, meta("filename", "a.mp4"));
        patchBytes(teacher, id, 0, file).andExpect(status().isNoContent());
        create(teacher, 5L << 20, meta("filename", "b.mp4")).andExpect(status().isContentTooLarge());

        mvc.perform(delete("/api/v1/uploads/" + id).header("Tus-Resumable", TUS).with(actor(teacher)).with(csrf()))
                .andExpect(status().isConflict());

        Path claimed = uploads.claim(id);
        assertThat(uploads.claim(id)).isEqualTo(claimed);
        assertThat(Files.size(claimed)).isEqualTo(file.length);
        assertThat(uploads.find(id).orElseThrow().claimed()).isTrue();
        create(teacher, 5L << 20, meta("filename", "b.mp4")).andExpect(status().isCreated());
    }

    // --- helpers ---

    static Actor teacher() {
        long id = USER_IDS.incrementAndGet();
        return withRoles(id, "t" + id, 1L, BuiltInRole.TEACHER);
    }

    ResultActions create(Actor actor, long length, String metadata) throws Exception {
        return mvc.perform(post("/api/v1/uploads").with(actor(actor)).with(csrf()).header("Tus-Resumable", TUS)
                .header("Upload-Length", length).header("Upload-Metadata", metadata));
    }

    String newUpload(Actor actor, long length, String metadata) throws Exception {
        String location = create(actor, length, metadata).andExpect(status().isCreated()).andReturn().getResponse()
                .getHeader("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    ResultActions head(Actor actor, String id) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .head("/api/v1/uploads/" + id).with(actor(actor)).header("Tus-Resumable", TUS));
    }

    ResultActions patchBytes(Actor actor, String id, long offset, byte[] body) throws Exception {
        return mvc.perform(patch("/api/v1/uploads/" + id).with(actor(actor)).with(csrf()).header("Tus-Resumable", TUS)
                .header("Upload-Offset", offset).contentType("application/offset+octet-stream").content(body));
    }

    static String meta(String... pairs) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!header.isEmpty()) {
                header.append(',');
            }
            header.append(pairs[i]).append(' ')
                    .append(Base64.getEncoder().encodeToString(pairs[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return header.toString();
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
