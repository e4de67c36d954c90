package org.ketang.vision.benchmark;

import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.opencv.global.opencv_core;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.Region;
import org.ketang.vision.evaluation.CoursewareRun;
import org.ketang.vision.evaluation.FrameSource;
import org.ketang.vision.evaluation.PresenterRun;
import org.ketang.vision.evaluation.StudentRun;
import org.ketang.vision.evaluation.Truth;
import org.ketang.vision.evaluation.TruthFile;
import org.ketang.vision.scenes.CoursewareFeed;
import org.ketang.vision.scenes.CoursewareScene;
import org.ketang.vision.scenes.StandardScenes;
import org.ketang.vision.scenes.StudentCamera;
import org.ketang.vision.scenes.StudentScene;
import org.ketang.vision.scenes.TeacherCamera;
import org.ketang.vision.scenes.TeacherScene;

/**
 * Scores tracking and directing and prints a table. Run by {@code bench/run-tracking.sh}; see vision/README.md.
 *
 * <pre>
 * (no arguments)              the standard synthetic scenes, 60 s each, and a directed lesson
 * --seconds N                 length of the synthetic scenes
 * --teacher PATH --truth FILE score real teacher-camera footage (a video file or a folder of numbered pictures)
 * --students PATH --truth FILE  ... student-camera footage with stand-up truth
 * --courseware PATH --truth FILE  ... courseware with slide-change truth
 * --fps N                     frame rate of a picture folder (default 25), or to override a video's
 * --area x,y,w,h              teaching area (fractions of the view), --seats x,y,w,h the students' area
 * --zoom Z --sensitivity S    classroom settings (default 2 and 0.5)
 * --ffmpeg PATH               an ffmpeg binary (default: the bundled one, else ffmpeg on the PATH)
 * </pre>
 *
 * OpenCV runs on one thread and only the analysis calls are timed (thread CPU time), so rendering and decoding are
 * left out of the frames per second per core.
 */
public final class TrackingBenchmark {

    private TrackingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        opencv_core.setNumThreads(1);
        PrintStream out = System.out;
        ClassroomSettings settings = ClassroomSettings.defaults()
                .withZoom(Double.parseDouble(options.getOrDefault("zoom", "2")))
                .withSensitivity(Double.parseDouble(options.getOrDefault("sensitivity", "0.5")));
        if (options.containsKey("area")) {
            settings = settings.withTeachingArea(region(options.get("area")));
        }
        if (options.containsKey("seats")) {
            settings = settings.withStudentArea(region(options.get("seats")));
        }
        Report report = new Report();
        if (options.containsKey("teacher") || options.containsKey("students") || options.containsKey("courseware")) {
            footage(options, settings, report);
            report.print(out);
            out.println();
            report.printSpeed(out, null, Double.NaN);
            return;
        }
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "60"));
        out.printf(Locale.ROOT, "Tracking benchmark: standard synthetic scenes, %.0f s each at 25 fps (rendering is"
                + " not timed)%n%n", seconds);
        for (TeacherScene scene : StandardScenes.teacher(seconds)) {
            try (TeacherCamera camera = scene.open()) {
                PresenterRun.Result r = PresenterRun.run(camera, camera::truth,
                        settings.withTeachingArea(scene.teachingArea()));
                report.add(new Row(scene.name(), "teacher", r.crops().size(), r.crops().size() / r.fpsPerCore(),
                        r.score(), null, null));
            }
        }
        for (StudentScene scene : StandardScenes.students(seconds)) {
            try (StudentCamera camera = scene.open()) {
                StudentRun.Result r = StudentRun.run(camera, camera.truth(), settings);
                report.add(new Row(scene.name(), "students", r.frames(), r.frames() / r.fpsPerCore(), null, r.score(),
                        null));
            }
        }
        for (CoursewareScene scene : StandardScenes.courseware(seconds)) {
            try (CoursewareFeed feed = scene.open()) {
                CoursewareRun.Result r = CoursewareRun.run(feed, feed.truth(), settings);
                report.add(new Row(scene.name(), "courseware", r.frames(), r.frames() / r.fpsPerCore(), null, null,
                        r.score()));
            }
        }
        report.print(out);
        out.println();
        TeacherScene first = StandardScenes.teacher(seconds).get(0);
        report.printSpeed(out, "scale + MOG2 only", SpeedReference.mog2(first, first.frames()));
        Lesson.run(seconds, out);
    }

    /** Scores real footage given on the command line. */
    private static void footage(Map<String, String> options, ClassroomSettings settings, Report report)
            throws Exception {
        if (!options.containsKey("truth")) {
            throw new IllegalArgumentException("--truth FILE is needed with real footage (format in vision/README.md)");
        }
        Ffmpeg ffmpeg = Ffmpeg.locate(options.get("ffmpeg"));
        double fps = Double.parseDouble(options.getOrDefault("fps", "0"));
        for (String camera : List.of("teacher", "students", "courseware")) {
            String path = options.get(camera);
            if (path == null) {
                continue;
            }
            try (FrameSource source = open(Path.of(path), ffmpeg, fps)) {
                Truth truth;
                try (Reader in = Files.newBufferedReader(Path.of(options.get("truth")), StandardCharsets.UTF_8)) {
                    truth = TruthFile.read(in, source.fps());
                }
                String name = Path.of(path).getFileName().toString();
                switch (camera) {
                    case "teacher" -> {
                        PresenterRun.Result r = PresenterRun.run(source, truth::presenter, settings);
                        report.add(new Row(name, camera, r.crops().size(), r.crops().size() / r.fpsPerCore(),
                                r.score(), null, null));
                    }
                    case "students" -> {
                        StudentRun.Result r = StudentRun.run(source, truth.standUps(), settings);
                        report.add(new Row(name, camera, r.frames(), r.frames() / r.fpsPerCore(), null, r.score(),
                                null));
                    }
                    default -> {
                        CoursewareRun.Result r = CoursewareRun.run(source, truth.slideChanges(), settings);
                        report.add(new Row(name, camera, r.frames(), r.frames() / r.fpsPerCore(), null, null,
                                r.score()));
                    }
                }
            }
        }
    }

    private static FrameSource open(Path path, Ffmpeg ffmpeg, double fps) throws Exception {
        if (Files.isDirectory(path)) {
            return new FrameFolder(path, fps > 0 ? fps : 25);
        }
        return new VideoFile(path, ffmpeg, fps);
    }

    private static Region region(String text) {
        String[] f = text.split(",");
        if (f.length != 4) {
            throw new IllegalArgumentException("a region is x,y,w,h in fractions of the view: " + text);
        }
        return new Region(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs; see vision/README.md: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
