package org.ketang.recorder.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.recorder.FakePlatform;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

/** tus uploads against the simulated platform's faithful tus endpoint. */
class RecordingUploaderTests {

    @TempDir
    Path data;
    FakePlatform platform;
    RecordingLibrary library;

    @BeforeEach
    void start() throws IOException {
        platform = new FakePlatform();
        library = new RecordingLibrary(data.resolve("recordings"));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    /** A finished recording whose "program" is {@code size} random bytes. */
    static Recording finished(RecordingLibrary library, int size) throws IOException {
        Instant start = Instant.parse("2026-11-24T00:55:00Z");
        Recording r = library.create(start, null, "勾股定理", "tt-3-2026-11-24-2", false);
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = library.dir(r.id()).resolve("program.mp4");
        Files.write(file, bytes);
        return library.update(r.id(), x -> {
            try {
                return x.finished(start.plusSeconds(2700), "program.mp4", size, RecordingLibrary.sha256(file), 2700.0,
                        false, null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElseThrow();
    }

    RecordingUploader uploader() {
        return new RecordingUploader(library,
                () -> Optional.of(new RecordingUploader.Target(platform.uri(), FakePlatform.TOKEN)));
    }

    @Test
    void aRecordingGoesUpWithItsMetadataAndChecksum() throws Exception {
        Recording r = finished(library, 300_000);

        Recording done = uploader().upload(r, BandwidthLimiter.unlimited(), () -> true);

        assertThat(done.phase()).isEqualTo(Phase.UPLOADED);
        FakePlatform.Upload upload = platform.uploadOf(r.id());
        assertThat(upload.state).isEqualTo("COMPLETED");
        assertThat(upload.sha256()).isEqualTo(r.sha256());
        assertThat(upload.metadata).containsEntry("purpose", "recording").containsEntry("recordingId", r.id())
                .containsEntry("startedAt", "2026-11-24T00:55:00Z").containsEntry("endedAt", "2026-11-24T01:40:00Z")
                .containsEntry("filename", r.id() + ".mp4").containsEntry("sha256", r.sha256())
                .containsEntry("scheduleUid", "tt-3-2026-11-24-2").containsEntry("title", "勾股定理");
        assertThat(done.uploadUrl()).endsWith("/api/v1/uploads/" + upload.id);
    }

    @Test
    void aCutUploadResumesFromTheServersOffsetAfterARestartAndArrivesWhole() throws Exception {
        Recording r = finished(library, 5_000_000);
        platform.cutUploadAt(2_100_000);

        assertThatThrownBy(() -> uploader().upload(r, BandwidthLimiter.unlimited(), () -> true))
                .isInstanceOf(IOException.class);
        Recording cut = library.find(r.id()).orElseThrow();
        assertThat(cut.phase()).isEqualTo(Phase.UPLOADING);
        assertThat(cut.uploadUrl()).isNotNull();
        FakePlatform.Upload upload = platform.uploadOf(r.id());
        assertThat(upload.offset()).isEqualTo(2_100_000);

        // the agent restarts: a new library and uploader read the sidecar
        library = new RecordingLibrary(data.resolve("recordings"));
        Recording done = uploader().upload(library.find(r.id()).orElseThrow(), BandwidthLimiter.unlimited(),
                () -> true);

        assertThat(done.phase()).isEqualTo(Phase.UPLOADED);
        assertThat(platform.uploads).hasSize(1);
        assertThat(upload.offset()).isEqualTo(5_000_000);
        assertThat(upload.sha256()).isEqualTo(r.sha256());
        assertThat(upload.state).isEqualTo("COMPLETED");
    }

    @Test
    void anUploadTheServerForgotStartsOver() throws Exception {
        Recording r = finished(library, 100_000);
        library.update(r.id(), x -> x.uploading(platform.uri() + "/api/v1/uploads/u999"));

        Recording done = uploader().upload(library.find(r.id()).orElseThrow(), BandwidthLimiter.unlimited(), () -> true);

        assertThat(done.phase()).isEqualTo(Phase.UPLOADED);
        assertThat(done.uploadUrl()).doesNotContain("u999");
        assertThat(platform.uploadOf(r.id()).sha256()).isEqualTo(r.sha256());
    }

    @Test
    void aPausedUploadKeepsItsPlaceOnTheServer() throws Exception {
        Recording r = finished(library, 2_000_000);
        int[] chunks = {0};

        assertThatThrownBy(() -> uploader().upload(r, BandwidthLimiter.unlimited(), () -> ++chunks[0] < 5))
                .isInstanceOf(RecordingUploader.Paused.class);
        long offset = platform.uploadOf(r.id()).offset();
        assertThat(offset).isBetween(1L, 1_999_999L);

        uploader().upload(library.find(r.id()).orElseThrow(), BandwidthLimiter.unlimited(), () -> true);
        assertThat(platform.uploads).hasSize(1);
        assertThat(platform.uploadOf(r.id()).sha256()).isEqualTo(r.sha256());
    }

    @Test
    void withoutEnrollmentNothingIsSent() throws Exception {
        Recording r = finished(library, 1000);
        RecordingUploader nowhere = new RecordingUploader(library, Optional::empty);

        assertThatThrownBy(() -> nowhere.upload(r, BandwidthLimiter.unlimited(), () -> true))
                .hasMessageContaining("not enrolled");
        assertThat(platform.uploads).isEmpty();
    }
}
