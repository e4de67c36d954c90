package org.ketang.vision.benchmark;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;
import org.ketang.vision.director.AutoDirector;
import org.ketang.vision.director.Chapters;
import org.ketang.vision.director.Cut;
import org.ketang.vision.director.DirectorSettings;
import org.ketang.vision.director.Shot;
import org.ketang.vision.scenes.CoursewareFeed;
import org.ketang.vision.scenes.CoursewareScene;
import org.ketang.vision.scenes.StudentCamera;
import org.ketang.vision.scenes.StudentScene;
import org.ketang.vision.scenes.TeacherCamera;
import org.ketang.vision.scenes.TeacherScene;

/**
 * A whole synthetic lesson — teacher camera, student camera and courseware in step — directed by the
 * {@link AutoDirector} as a recorder would use it: prints the cut log as WebVTT chapters, the shots, and the speed
 * of the whole analysis (three cameras and the director) on one core.
 */
final class Lesson {

    private Lesson() {
    }

    static void run(double seconds, PrintStream out) throws Exception {
        FrameSize hd = new FrameSize(1280, 720);
        TeacherScene teacherScene = new TeacherScene("lesson", 401, hd, 25, seconds, 0.5, 4,
                EnumSet.of(TeacherScene.Challenge.WRITES_AT_BOARD, TeacherScene.Challenge.PROJECTOR_FLICKER),
                Region.WHOLE);
        StudentScene studentScene = new StudentScene("lesson", 402, hd, 25, seconds, 5, 8,
                Math.max(1, (int) (seconds / 25)), 3, EnumSet.of(StudentScene.Challenge.HAND_RAISES));
        CoursewareScene coursewareScene = new CoursewareScene("lesson", 403, hd, 25, seconds,
                Math.max(2, (int) (seconds / 20)), 1.5, EnumSet.of(CoursewareScene.Challenge.POINTER));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        int frames = 0;
        Map<Shot, Double> time = new EnumMap<>(Shot.class);
        try (TeacherCamera teacher = teacherScene.open(); StudentCamera students = studentScene.open();
                CoursewareFeed courseware = coursewareScene.open();
                AutoDirector director = new AutoDirector(ClassroomSettings.defaults(), DirectorSettings.defaults(),
                        hd, hd, hd, 25);
                Mat t = new Mat(); Mat s = new Mat(); Mat c = new Mat()) {
            while (teacher.read(t) && students.read(s) && courseware.read(c)) {
                double now = frames / 25.0;
                long start = threads.getCurrentThreadCpuTime();
                director.teacherFrame(now, t);
                director.studentFrame(now, s);
                director.coursewareFrame(now, c);
                Shot shot = director.layout(now).shot();
                cpu += threads.getCurrentThreadCpuTime() - start;
                time.merge(shot, 1 / 25.0, Double::sum);
                frames++;
            }
            List<Cut> cuts = director.cuts();
            out.printf(Locale.ROOT, "Directed lesson (%.0f s, three cameras, %d stand-ups, %d courseware changes):%n",
                    seconds, students.truth().size(), courseware.truth().size());
            double shortest = Double.POSITIVE_INFINITY;
            for (int i = 1; i < cuts.size(); i++) {
                shortest = Math.min(shortest, cuts.get(i).seconds() - cuts.get(i - 1).seconds());
            }
            out.printf(Locale.ROOT, "  %d cuts, shortest shot %s s; on air:", cuts.size() - 1,
                    Report.number(shortest, 1));
            time.forEach((shot, secondsOnAir) -> out.printf(Locale.ROOT, " %s %.0f s,", shot, secondsOnAir));
            out.println();
            out.printf(Locale.ROOT, "  whole analysis (three cameras + director): %.0f program frames per second on one"
                    + " core%n", frames / (cpu / 1e9));
            out.println("  chapters (WebVTT):");
            StringBuilder vtt = new StringBuilder();
            Chapters.writeWebVtt(cuts, seconds, vtt);
            vtt.toString().lines().forEach(line -> out.println("    " + line));
        }
    }
}
