package org.ketang.vision.students;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.FrameSize;
import org.ketang.vision.evaluation.StandUpTruth;
import org.ketang.vision.scenes.StudentCamera;
import org.ketang.vision.scenes.StudentScene;

class StandUpDetectorTests {

    private static final FrameSize SMALL = new FrameSize(640, 360);

    private static List<StandUpEvent> run(StudentScene scene, List<StandUpTruth> truth) {
        List<StandUpEvent> events = new ArrayList<>();
        try (StudentCamera camera = scene.open(); Mat frame = new Mat();
                StandUpDetector detector = new StandUpDetector(SMALL, 25,
                        StudentSettings.from(ClassroomSettings.defaults()))) {
            truth.addAll(camera.truth());
            int i = 0;
            while (camera.read(frame)) {
                events.addAll(detector.update(i++ / 25.0, frame).events());
            }
        }
        return events;
    }

    @Test
    void studentsWhoStandUpAndSitDownAreSeenInTheirPlace() {
        List<StandUpTruth> truth = new ArrayList<>();
        List<StandUpEvent> events = run(new StudentScene("test", 21, SMALL, 25, 24, 4, 6, 2, 2,
                EnumSet.noneOf(StudentScene.Challenge.class)), truth);
        List<StandUpEvent> ups = events.stream().filter(e -> e.kind() == StandUpEvent.Kind.STOOD_UP).toList();
        assertThat(truth).hasSize(2);
        assertThat(ups).hasSize(2);
        for (int i = 0; i < 2; i++) {
            StandUpTruth t = truth.get(i);
            StandUpEvent up = ups.get(i);
            assertThat(up.seconds()).isBetween(t.upAt(), t.upAt() + 3);
            assertThat(up.box().intersection(t.standing()).area()).isGreaterThan(0.3 * up.box().area());
            assertThat(events).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(StandUpEvent.Kind.SAT_DOWN);
                assertThat(e.student()).isEqualTo(up.student());
                assertThat(e.seconds()).isBetween(t.downAt(), t.downAt() + 3);
            });
        }
    }

    @Test
    void raisedHandsAndFidgetingAreNotStandUps() {
        List<StandUpTruth> truth = new ArrayList<>();
        List<StandUpEvent> events = run(new StudentScene("test", 22, SMALL, 25, 24, 4, 6, 0, 2,
                EnumSet.of(StudentScene.Challenge.HAND_RAISES, StudentScene.Challenge.FIDGETING)), truth);
        assertThat(truth).isEmpty();
        assertThat(events).isEmpty();
    }
}
