package org.ketang.recorder.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.recorder.AgentJson;
import org.ketang.recorder.AgentSettings;
import org.ketang.recorder.Eventually;
import org.ketang.recorder.capture.SyntheticClassroom;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.live.LivePush;
import org.ketang.recorder.recording.Recorder;
import org.ketang.recorder.storage.Quota;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;
import org.ketang.recorder.storage.StorageGuard;
import org.ketang.recorder.storage.Volume;
import org.ketang.vision.Box;
import org.ketang.vision.evaluation.PresenterTruth;
import org.ketang.vision.scenes.TeacherCamera;

/**
 * A recording with tracking on, with the real FFmpeg: the synthetic lecture (the vision module's generated teacher
 * camera, whose presenter's position is known for every frame) recorded while the tracking director watches the
 * encoder's small copy of it and moves the program's crop.
 */
class TrackingRecordingTests {

    static final Ffmpeg FFMPEG = new Ffmpeg(null, null);

    @TempDir
    Path data;

    @Test
    void theProgramsCropFollowsThePresenterAndTheCutLogIsKeptWithTheRecording() throws Exception {
        AgentSettings settings = AgentSettings.defaults().merge(AgentJson.MAPPER.readTree("""
                {"sources": {"teacher": "synthetic:lecture", "audio": null},
                 "synthetic": {"markEverySeconds": 0},
                 "tracking": {"enabled": true, "zoom": 2}}"""));
        RecordingLibrary library = new RecordingLibrary(data.resolve("recordings"));
        StorageGuard guard = new StorageGuard(library, Volume.of(data), () -> new Quota(settings.storage()),
                id -> Optional.empty(), alert -> { }, Clock.systemUTC());
        AtomicReference<TrackingDirector> director = new AtomicReference<>();
        Recording done;
        try (Recorder recorder = new Recorder(FFMPEG, library, guard, () -> settings, () -> {
            TrackingDirector d = new TrackingDirector(settings.tracking(), Clock.systemUTC());
            director.set(d);
            return d;
        }, Clock.systemUTC(), alert -> { }, new LivePush(FFMPEG, Optional::empty, settings::live), () -> { })) {
            Recording started = recorder.start(new Recorder.Start("跟踪", null, null, false));
            // 24 s of the lecture analysed (however slowly a busy machine encodes it)
            Eventually.waitFor("the lecture analysed", Duration.ofSeconds(180), () -> director.get() != null
                    && !director.get().framings().isEmpty()
                    && director.get().framings().get(director.get().framings().size() - 1).frame() >= 600);
            recorder.stop("test");
            Eventually.waitFor("finished", Duration.ofSeconds(90),
                    () -> !library.find(started.id()).orElseThrow().recording());
            done = library.find(started.id()).orElseThrow();
        }

        assertThat(done.phase()).isEqualTo(Phase.FINISHED);
        TrackingDirector tracking = director.get();
        TrackingDirector.Load load = tracking.load();
        System.out.println("Tracking while recording: " + load);
        assertThat(load.analysed()).isPositive();
        assertThat(load.received()).isEqualTo(load.analysed() + load.dropped());

        // where the presenter really was in every frame the director analysed, from the same generated lecture
        List<TrackingDirector.Framing> framings = tracking.framings();
        long last = framings.get(framings.size() - 1).frame();
        PresenterTruth truth;
        try (TeacherCamera camera = SyntheticClassroom.lecture(640, 360, 25).open(); Mat frame = new Mat()) {
            for (long n = 0; n <= last; n++) {
                camera.read(frame);
            }
            truth = camera.truth();
        }
        List<double[]> close = new ArrayList<>(); // crop centre x, presenter centre x, inside (1/0)
        for (TrackingDirector.Framing f : framings) {
            Optional<Box> presenter = truth.at((int) f.frame());
            if (f.crop().width() > 0.99 || presenter.isEmpty()) {
                continue; // the wide view (not yet locked on, or lost) or nobody to frame
            }
            Box p = presenter.get().scaled(1.0 / 640, 1.0 / 360);
            Box crop = new Box(f.crop().x(), f.crop().y(), f.crop().width(), f.crop().height());
            close.add(new double[] {crop.centreX(), p.centreX(), crop.contains(p, 0.01) ? 1 : 0});
        }
        assertThat(close).as("analysed frames framed close").hasSizeGreaterThan(50);
        double inside = close.stream().mapToDouble(c -> c[2]).average().orElse(0);
        double cropSpan = span(close, 0);
        double presenterSpan = span(close, 1);
        System.out.printf("Framed close: %d frames, presenter inside %.1f %%, crop centre span %.2f, presenter %.2f%n",
                close.size(), 100 * inside, cropSpan, presenterSpan);
        assertThat(inside).as("share of close frames with the presenter fully inside the crop").isGreaterThan(0.9);
        assertThat(presenterSpan).as("the lecture's presenter moves").isGreaterThan(0.1);
        assertThat(cropSpan).as("the crop moves with the presenter").isGreaterThan(0.5 * presenterSpan);

        Path dir = library.dir(done.id());
        // a picture of the program near the end, for people to look at (the virtual camera's close-up)
        Path shot = Files.createDirectories(Path.of("target", "screenshots")).resolve("tracking-program.jpg");
        FFMPEG.run(List.of("-y", "-v", "error", "-sseof", "-2", "-i", dir.resolve("program.mp4").toString(),
                "-frames:v", "1", "-vf", "scale=640:-2", shot.toString()), Duration.ofMinutes(1));
        List<String> cuts = Files.readAllLines(dir.resolve(TrackingDirector.CUTS_FILE), StandardCharsets.UTF_8);
        assertThat(cuts).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"t\":").contains("\"to\":"));
        assertThat(cuts.get(0)).contains("\"from\":null");
        assertThat(Files.readString(dir.resolve(TrackingDirector.CHAPTERS_FILE))).startsWith("WEBVTT")
                .contains(" --> ");
    }

    private static double span(List<double[]> rows, int column) {
        double min = rows.stream().mapToDouble(r -> r[column]).min().orElse(0);
        double max = rows.stream().mapToDouble(r -> r[column]).max().orElse(0);
        return max - min;
    }
}
