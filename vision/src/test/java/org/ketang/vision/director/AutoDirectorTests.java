package org.ketang.vision.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;
import org.ketang.vision.scenes.CoursewareFeed;
import org.ketang.vision.scenes.CoursewareScene;
import org.ketang.vision.scenes.TeacherCamera;
import org.ketang.vision.scenes.TeacherScene;

class AutoDirectorTests {

    private static final FrameSize SMALL = new FrameSize(640, 360);

    @Test
    void directsALessonFromTheCamerasFrames() {
        TeacherScene teacher = new TeacherScene("t", 31, SMALL, 25, 16, 0.55, 3,
                EnumSet.noneOf(TeacherScene.Challenge.class), Region.WHOLE);
        CoursewareScene slides = new CoursewareScene("c", 32, SMALL, 25, 16, 2, 1,
                EnumSet.noneOf(CoursewareScene.Challenge.class));
        try (TeacherCamera t = teacher.open(); CoursewareFeed c = slides.open();
                AutoDirector director = new AutoDirector(ClassroomSettings.defaults(), DirectorSettings.defaults(),
                        SMALL, null, SMALL, 25);
                Mat a = new Mat(); Mat b = new Mat()) {
            int i = 0;
            while (t.read(a) && c.read(b)) {
                double now = i++ / 25.0;
                director.teacherFrame(now, a);
                director.coursewareFrame(now, b);
                Layout layout = director.layout(now);
                assertThat(layout.main().crop().width() / layout.main().crop().height()).isBetween(1.77, 1.78);
            }
            assertThat(director.cuts()).extracting(Cut::to).contains(Shot.TEACHER_CLOSE, Shot.COURSEWARE);
            double change = c.truth().get(0);
            assertThat(director.cuts()).anySatisfy(cut -> {
                assertThat(cut.to()).isEqualTo(Shot.COURSEWARE);
                assertThat(cut.seconds()).isBetween(change, change + 2.5);
            });
        }
    }

    @Test
    void switchedOffItShowsTheWholeAreaAndAnalysesNothing() {
        ClassroomSettings off = new ClassroomSettings(false, Region.WHOLE, 0.5, 2, true, Region.WHOLE, true);
        try (AutoDirector director = new AutoDirector(off, DirectorSettings.defaults(), SMALL, SMALL, SMALL, 25);
                Mat frame = new Mat(360, 640, org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
            director.teacherFrame(0, frame);
            assertThat(director.presenter()).isNull();
            Layout layout = director.layout(0);
            assertThat(layout.shot()).isEqualTo(Shot.TEACHER_WIDE);
            assertThat(layout.main().crop()).isEqualTo(new org.ketang.vision.Box(0, 0, 640, 360));
        }
    }
}
