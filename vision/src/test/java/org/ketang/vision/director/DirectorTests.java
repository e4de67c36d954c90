package org.ketang.vision.director;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.courseware.CoursewareObservation;
import org.ketang.vision.presenter.PresenterObservation;
import org.ketang.vision.presenter.TrackingState;
import org.ketang.vision.students.StandingStudent;
import org.ketang.vision.students.StudentObservation;

class DirectorTests {

    private static final FrameSize HD = new FrameSize(1920, 1080);
    private static final double FPS = 25;
    private static final Box CROP = new Box(400, 200, 960, 540);
    private static final Box PRESENTER = new Box(800, 300, 200, 420);

    private final DirectorSettings rules = DirectorSettings.defaults();
    private final Director director = new Director(rules, HD, HD, HD);
    private final List<Shot> shots = new ArrayList<>();
    private double lastChange = Double.NEGATIVE_INFINITY;
    private int frame;

    /** Runs the director for some seconds with the presenter tracked or not and a student standing or not. */
    private void run(double seconds, boolean tracked, boolean studentStanding) {
        int frames = (int) Math.round(seconds * FPS);
        for (int i = 0; i < frames; i++) {
            double t = frame++ / FPS;
            PresenterObservation teacher = tracked
                    ? new PresenterObservation(t, TrackingState.TRACKING, PRESENTER, 900, 0, true, true)
                    : PresenterObservation.searching(t);
            StudentObservation students = studentStanding
                    ? new StudentObservation(t, List.of(new StandingStudent(1, new Box(300, 500, 120, 250), 0)),
                            List.of())
                    : StudentObservation.quiet(t);
            shots.add(director.update(t, teacher, CROP, students,
                    new CoursewareObservation(t, null, lastChange, false)).shot());
        }
    }

    private double now() {
        return frame / FPS;
    }

    @Test
    void opensOnTheTrackedTeacherAndStaysThere() {
        run(10, true, false);
        assertThat(shots).containsOnly(Shot.TEACHER_CLOSE);
        assertThat(director.cuts()).hasSize(1);
        assertThat(director.cuts().get(0).from()).isNull();
    }

    @Test
    void losingThePresenterBrieflyDoesNotCutToWide() {
        run(5, true, false);
        run(rules.lostSeconds() - 0.2, false, false);
        run(5, true, false);
        assertThat(shots).containsOnly(Shot.TEACHER_CLOSE);
    }

    @Test
    void losingThePresenterCutsToWideAndBackAfterTheMinimumShot() {
        run(5, true, false);
        run(3, false, false);
        int wideFrom = shots.indexOf(Shot.TEACHER_WIDE);
        double expected = 5 + rules.lostSeconds() + rules.settleSeconds();
        assertThat(wideFrom / FPS).isBetween(expected, expected + 0.1);
        run(1, true, false);
        // found again after 3 s, but the wide shot has not lasted its minimum yet
        assertThat(shots.get(shots.size() - 1)).isEqualTo(Shot.TEACHER_WIDE);
        run(5, true, false);
        int back = shots.lastIndexOf(Shot.TEACHER_WIDE) + 1;
        assertThat((back - wideFrom) / FPS).isGreaterThanOrEqualTo(rules.minShotSeconds());
        assertThat(shots.get(shots.size() - 1)).isEqualTo(Shot.TEACHER_CLOSE);
    }

    @Test
    void newCoursewareInterruptsAfterTheInterruptTimeAndLastsItsTime() {
        run(0.6, true, false);
        lastChange = now();
        run(12, true, false);
        int first = shots.indexOf(Shot.COURSEWARE);
        // the opening shot must last the interruption time, then the wish must settle
        assertThat(first / FPS).isGreaterThanOrEqualTo(rules.interruptSeconds());
        int last = shots.lastIndexOf(Shot.COURSEWARE);
        assertThat((last - first + 1) / FPS).isBetween(rules.minShotSeconds(), rules.coursewareSeconds() + 0.1);
        Layout layout = director.update(lastChange + 1, null, null, null, null);
        assertThat(shots.get(shots.size() - 1)).isEqualTo(Shot.TEACHER_CLOSE);
        assertThat(layout.main().source()).isEqualTo(Source.TEACHER);
    }

    @Test
    void coursewareShowsTheTeacherAsPictureInPicture() {
        run(2, true, false);
        lastChange = now();
        run(2, true, false);
        Layout layout = director.update(now(), null, null, null, null);
        assertThat(layout.shot()).isEqualTo(Shot.COURSEWARE);
        assertThat(layout.placements()).extracting(Placement::source).containsExactly(Source.COURSEWARE,
                Source.TEACHER);
        assertThat(layout.placements().get(1).crop()).isEqualTo(CROP);
        assertThat(layout.placements().get(1).area()).isEqualTo(rules.pictureInPicture());
    }

    @Test
    void aStandingStudentWinsOverCoursewareAndStaysAWhileAfterSittingDown() {
        run(5, true, false);
        lastChange = now();
        run(0.2, true, false);
        run(6, true, true);
        assertThat(shots.get(shots.size() - 1)).isEqualTo(Shot.STUDENT_CLOSE);
        Layout close = director.update(now(), null, null, null, null);
        assertThat(close.main().source()).isEqualTo(Source.STUDENTS);
        assertThat(close.main().crop().contains(new Box(300, 500, 120, 250), 0)).isTrue();
        run(rules.afterStudentSeconds() - 0.2, true, false);
        assertThat(shots.get(shots.size() - 1)).isEqualTo(Shot.STUDENT_CLOSE);
        // the courseware's time is up meanwhile: back to the teacher once that wish has settled
        run(2, true, false);
        assertThat(shots.get(shots.size() - 1)).isEqualTo(Shot.TEACHER_CLOSE);
    }

    @Test
    void aWishShorterThanTheSettleTimeDoesNotCut() {
        run(6, true, false);
        // a student detection that vanishes at once (the after-time is what keeps a real one up)
        DirectorSettings twitchy = new DirectorSettings(4, 1.5, 0.5, 8, 0, 2, true, rules.pictureInPicture());
        Director d = new Director(twitchy, HD, HD, HD);
        for (int i = 0; i < 150; i++) {
            double t = i / FPS;
            boolean standing = i >= 100 && i < 108; // 0.32 s
            StudentObservation s = standing
                    ? new StudentObservation(t, List.of(new StandingStudent(1, new Box(300, 500, 120, 250), t)),
                            List.of())
                    : StudentObservation.quiet(t);
            d.update(t, new PresenterObservation(t, TrackingState.TRACKING, PRESENTER, 900, 0, true, true), CROP, s,
                    null);
        }
        assertThat(d.cuts()).hasSize(1);
    }

    @Test
    void noCutComesBeforeTheMinimumShotBetweenShotsOfEqualImportance() {
        run(5, true, false);
        for (int round = 0; round < 6; round++) {
            run(2.5, round % 2 == 0, false);
        }
        List<Cut> cuts = director.cuts();
        for (int i = 2; i < cuts.size(); i++) {
            assertThat(cuts.get(i).seconds() - cuts.get(i - 1).seconds())
                    .isGreaterThanOrEqualTo(rules.minShotSeconds() - 1e-9);
        }
    }
}
