package org.ketang.recorder.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.recorder.AgentJson;
import org.ketang.recorder.AgentSettings;
import org.ketang.recorder.MediaAnalysis;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.live.LivePush;
import org.ketang.recorder.program.RuleDirector;
import org.ketang.recorder.storage.Quota;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;
import org.ketang.recorder.storage.StorageGuard;
import org.ketang.recorder.storage.Volume;

/** The recorder with the real FFmpeg on the synthetic classroom, a few seconds per recording. */
class RecorderTests {

    static final Ffmpeg FFMPEG = new Ffmpeg(null, null);

    @TempDir
    Path data;
    RecordingLibrary library;
    Recorder recorder;
    List<AgentAlert> alerts = new CopyOnWriteArrayList<>();
    AgentSettings settings = AgentSettings.defaults().merge(AgentJson.MAPPER.readTree(
            "{\"synthetic\":{\"markEverySeconds\":2}}"));

    RecorderTests() throws Exception {
    }

    @BeforeEach
    void open() throws IOException {
        library = new RecordingLibrary(data.resolve("recordings"));
        recorder = recorder();
    }

    Recorder recorder() throws IOException {
        StorageGuard guard = new StorageGuard(library, Volume.of(data), () -> new Quota(settings.storage()),
                id -> Optional.empty(), alerts::add, Clock.systemUTC());
        LivePush live = new LivePush(FFMPEG, Optional::empty, settings::live);
        return new Recorder(FFMPEG, library, guard, () -> settings,
                () -> new RuleDirector(settings.program().director()), Clock.systemUTC(), alerts::add, live,
                () -> { });
    }

    @AfterEach
    void close() {
        recorder.close();
    }

    Recording record(Duration length) throws Exception {
        Recording started = recorder.start(new Recorder.Start("测试", null, null, false));
        Thread.sleep(length.toMillis());
        recorder.stop("test");
        org.ketang.recorder.Eventually.waitFor("finished", Duration.ofSeconds(60),
                () -> !library.find(started.id()).orElseThrow().recording());
        return library.find(started.id()).orElseThrow();
    }

    @Test
    void aRecordingIsOnePlayableFileWithItsChecksum() throws Exception {
        Recording done = record(Duration.ofSeconds(6));

        assertThat(done.phase()).isEqualTo(Phase.FINISHED);
        Path file = library.file(done).orElseThrow();
        double duration = FFMPEG.durationSeconds(file).orElseThrow();
        assertThat(duration).isBetween(4.5, 8.0);
        assertThat(done.durationSeconds()).isCloseTo(duration, org.assertj.core.data.Offset.offset(0.01));
        assertThat(done.sha256()).isEqualTo(RecordingLibrary.sha256(file)).hasSize(64);
        assertThat(done.bytes()).isEqualTo(Files.size(file));
        assertThat(Files.list(library.dir(done.id())).map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("program.mp4", "recording.json");
        assertThat(alerts).isEmpty();
        // the wall clock burnt into the picture survives H.264 and the scaling to 1080p
        long shown = new MediaAnalysis(FFMPEG).timeStrip(file, 3.0, 1920, 1080).orElseThrow();
        assertThat(shown).isBetween(done.startedAt().toEpochMilli(), done.endedAt().toEpochMilli());
    }

    @Test
    void soundAndPictureStayWithin100Milliseconds() throws Exception {
        Recording done = record(Duration.ofSeconds(9));
        Path file = library.file(done).orElseThrow();
        MediaAnalysis analysis = new MediaAnalysis(FFMPEG);

        List<Double> flashes = analysis.flashOnsets(file, 1920, 25);
        List<Double> beeps = analysis.beepOnsets(file);

        assertThat(flashes).as("flashes").hasSizeGreaterThanOrEqualTo(3);
        assertThat(beeps).as("beeps").hasSameSizeAs(flashes);
        for (int i = 0; i < flashes.size(); i++) {
            assertThat(beeps.get(i) - flashes.get(i)).as("beep %d after flash %d (s)", i, i)
                    .isBetween(-0.1, 0.1);
        }
        System.out.println("A/V sync: flashes " + flashes + " beeps " + beeps);
    }
}
