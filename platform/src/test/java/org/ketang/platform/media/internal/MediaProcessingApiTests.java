package org.ketang.platform.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.platform.IntegrationTest;
import org.ketang.platform.media.MediaLibrary;
import org.ketang.platform.media.MediaLibrary.AssetState;
import org.ketang.platform.media.MediaLibrary.JobState;
import org.ketang.platform.media.MediaReady;
import org.ketang.platform.media.MediaRejected;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.media.RenditionPublished;
import org.ketang.platform.media.TestVideos;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/** The whole pipeline with the real ffmpeg, on small generated clips. Kept few: each transcodes. */
@IntegrationTest
@Import(MediaProcessingApiTests.EventLog.class)
class MediaProcessingApiTests {

    /** Records the module's events, which are published on worker threads. */
    @TestConfiguration
    static class EventLog {
        final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @EventListener
        void on(RenditionPublished event) {
            events.add(event);
        }

        @EventListener
        void on(MediaReady event) {
            events.add(event);
        }

        @EventListener
        void on(MediaRejected event) {
            events.add(event);
        }

        <T> java.util.stream.Stream<T> stream(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast);
        }
    }

    @Autowired
    MediaLibrary library;

    @Autowired
    MediaStorage storage;

    @Autowired
    MediaWorkers workers;

    @Autowired
    MediaQueue queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventLog events;

    @Test
    void anUploadBecomesAnHlsLadderWithTheLowestRenditionPublishedFirst() throws Exception {
        Path clip = TestVideos.clip(854, 480, 6);
        long id = library.submit("lesson:ladder", clip);
        assertThat(library.submit("lesson:ladder", clip)).as("idempotent per owner").isEqualTo(id);

        MediaLibrary.Status status = awaitState(id, AssetState.READY, Duration.ofMinutes(3));
        assertThat(status.renditions()).as("never upscaled beyond 480p").containsExactly(360, 480);
        assertThat(status.percent()).isEqualTo(100);
        assertThat(events.stream(RenditionPublished.class).filter(e -> e.assetId() == id).map(RenditionPublished::height))
                .containsExactly(360, 480);
        assertThat(events.stream(MediaReady.class).filter(e -> e.assetId() == id)).hasSize(1);

        String prefix = "assets/" + id + "/";
        String master = read(prefix + "master.m3u8");
        assertThat(master).contains("RESOLUTION=640x360", "RESOLUTION=854x480", "360p/index.m3u8", "480p/index.m3u8")
                .doesNotContain("720p");
        assertThat(storage.list(prefix + "360p/")).contains(prefix + "360p/init.mp4", prefix + "360p/seg_00000.m4s");
        assertThat(storage.exists(prefix + "poster.jpg")).isTrue();
        assertThat(storage.exists(prefix + "sprite.jpg")).isTrue();
        assertThat(read(prefix + "sprite.vtt")).startsWith("WEBVTT").contains("sprite.jpg#xywh=0,0,160,90");

        // the rendition plays: ffprobe reads the HLS playlist with its segments
        Path playlist = storage.localFile(prefix + "360p/index.m3u8").orElseThrow();
        Ffmpeg.Result probe = TestVideos.FFMPEG.run(Ffmpeg.Tool.FFPROBE, List.of("-v", "error", "-show_entries",
                "stream=codec_name,width,height", "-of", "csv=p=0", playlist.toString()), Duration.ofSeconds(60),
                null, null);
        assertThat(probe.ok()).as(probe.stderrTail()).isTrue();
        assertThat(probe.stdout()).contains("h264,640,360").contains("aac");
    }

    @Test
    void aTextFileIsRejectedWithTheReason() throws Exception {
        long id = library.submit("lesson:notes", TestVideos.textRenamedMp4());
        MediaLibrary.Status status = awaitState(id, AssetState.REJECTED, Duration.ofSeconds(60));
        assertThat(status.error()).startsWith("Not a media file");
        assertThat(events.stream(MediaRejected.class).filter(e -> e.assetId() == id).findFirst().orElseThrow()
                .reasonZh()).isEqualTo("不是音视频文件");
    }

    @Test
    void aJobKilledMidTranscodeResumesAndTheAssetStillBecomesReadyOnce() throws Exception {
        long id = library.submit("lesson:restart", TestVideos.clip(640, 360, 20));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> running(id, "RENDITION_360"));
        workers.halt(); // the server dies: ffmpeg is killed, the database keeps a RUNNING job with a lease
        MediaQueue.Job interrupted = job(id, "RENDITION_360");
        assertThat(interrupted.state()).isEqualTo(JobState.RUNNING);
        jdbc.sql("update media_job set lease_until = :past where id = :id")
                .param("past", MediaQueue.at(java.time.Instant.now().minusSeconds(1))).param("id", interrupted.id())
                .update();
        workers.start(); // the next start (a new node id) finds the expired lease and resumes the job

        assertThat(library.submit("lesson:restart", TestVideos.clip(640, 360, 20))).isEqualTo(id);
        MediaLibrary.Status status = awaitState(id, AssetState.READY, Duration.ofMinutes(3));
        assertThat(status.renditions()).containsExactly(360);
        assertThat(job(id, "RENDITION_360").attempts()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from media_asset where owner_ref = 'lesson:restart'").query(Long.class)
                .single()).isEqualTo(1);
        assertThat(storage.list("assets/" + id + "/360p/")).filteredOn(k -> k.endsWith(".m4s")).hasSize(5);
    }

    @Test
    void cancelKillsTheRunningFfmpegAndRetryFinishesTheJob() throws Exception {
        long id = library.submit("lesson:cancel", TestVideos.clip(640, 360, 20));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> running(id, "RENDITION_360") && ffmpegChildren() > 0);
        library.cancel(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> ffmpegChildren() == 0);
        MediaLibrary.Status cancelled = library.status(id).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(AssetState.CANCELLED);
        assertThat(cancelled.jobs()).allMatch(j -> j.state() == JobState.CANCELLED || j.state() == JobState.SUCCEEDED);

        library.retry(id);
        assertThat(awaitState(id, AssetState.READY, Duration.ofMinutes(3)).renditions()).containsExactly(360);
    }

    @Test
    void aFailingFfmpegIsRetriedWithBackoffThenFailsWithAMessageAndTheServerKeepsWorking() throws Exception {
        // a source that passed its probe earlier but is garbage now: every ffmpeg run fails
        long id = queue.insertAsset("lesson:broken", "assets/broken/source.mp4");
        storage.put("assets/broken/source.mp4", new java.io.ByteArrayInputStream(new byte[64 * 1024]), 64 * 1024);
        queue.probed(id, 5, 640, 360, 25, true);
        queue.insertJob(id, MediaQueue.RENDITION + 360, 10, 3);

        MediaLibrary.Status failed = awaitState(id, AssetState.FAILED, Duration.ofSeconds(60));
        MediaLibrary.Job job = failed.jobs().get(0);
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.attempts()).isEqualTo(3);
        assertThat(job.error()).contains("ffmpeg exited with");
        assertThat(failed.error()).startsWith("RENDITION_360: ffmpeg exited with");

        long next = library.submit("lesson:after-failure", TestVideos.textRenamedMp4());
        awaitState(next, AssetState.REJECTED, Duration.ofSeconds(60));
    }

    private boolean running(long assetId, String kind) {
        return queue.jobsOf(assetId).stream().anyMatch(j -> j.kind().equals(kind) && j.state() == JobState.RUNNING);
    }

    private MediaQueue.Job job(long assetId, String kind) {
        return queue.jobsOf(assetId).stream().filter(j -> j.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static long ffmpegChildren() {
        return ProcessHandle.current().descendants().filter(p -> p.isAlive()
                && p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)).count();
    }

    private MediaLibrary.Status awaitState(long id, AssetState state, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            AssetState now = library.status(id).orElseThrow().state();
            if (now != state && now != AssetState.PROCESSING) {
                throw new AssertionError("asset " + id + " is " + now + ": " + library.status(id));
            }
            return now == state;
        });
        return library.status(id).orElseThrow();
    }

    private String read(String key) throws IOException {
        try (var in = storage.open(key)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

}
