package org.ketang.vision.director;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.ketang.vision.Box;
import org.ketang.vision.FrameSize;
import org.ketang.vision.courseware.CoursewareObservation;
import org.ketang.vision.presenter.PresenterObservation;
import org.ketang.vision.students.StandingStudent;
import org.ketang.vision.students.StudentObservation;

/**
 * Decides, frame by frame, what the program shows. Call {@link #update} once per program frame with the latest
 * observation of each source (null for a source the classroom does not have, or that has no new frame).
 *
 * <p>Rules, most important first: a student standing up is shown in close-up while they stand and
 * {@code afterStudentSeconds} more; new courseware (a slide or a bullet) is shown for {@code coursewareSeconds},
 * with the teacher as picture-in-picture; otherwise the teacher, framed by the virtual camera, or the whole teaching
 * area when the presenter has been lost for {@code lostSeconds} (or not yet seen whole). A wish for another shot must
 * hold for {@code settleSeconds}; a shot lasts at least {@code minShotSeconds}, but a more important one may cut in
 * after {@code interruptSeconds}. Every cut is logged ({@link #cuts()}), ready for {@link Chapters}.
 *
 * <p>Not thread-safe.
 */
public final class Director {

    private final DirectorSettings settings;
    private final FrameSize teacherSize;
    private final FrameSize studentSize;
    private final FrameSize coursewareSize;
    private final List<Cut> cuts = new ArrayList<>();

    private Shot current;
    private double currentSince;
    private Shot pending;
    private double pendingSince;
    private double lastTracked = Double.NEGATIVE_INFINITY;
    private double lastStudent = Double.NEGATIVE_INFINITY;
    private double lastCourseware = Double.NEGATIVE_INFINITY;
    private Box teacherCrop;
    private Box studentCrop;
    private String pendingReason = "";

    /**
     * @param teacher    size of the teacher camera's frames
     * @param students   size of the student camera's frames, null without one
     * @param courseware size of the courseware frames, null without
     */
    public Director(DirectorSettings settings, FrameSize teacher, FrameSize students, FrameSize courseware) {
        this.settings = settings;
        this.teacherSize = teacher;
        this.studentSize = students;
        this.coursewareSize = courseware;
    }

    /**
     * The program's layout for this frame.
     *
     * @param seconds     timestamp of the program frame, increasing
     * @param teacher     what the presenter tracker saw (null: no new observation)
     * @param crop        the virtual camera's crop of the teacher camera for this frame (null: keep the last one)
     * @param students    what the stand-up detector saw (null: none)
     * @param courseware  what the slide-change detector saw (null: none)
     */
    public Layout update(double seconds, PresenterObservation teacher, Box crop, StudentObservation students,
            CoursewareObservation courseware) {
        if (crop != null) {
            teacherCrop = crop;
        }
        if (teacher != null && teacher.box() != null && teacher.confirmed()) {
            lastTracked = seconds;
        }
        if (students != null && studentSize != null && !students.standing().isEmpty()) {
            StandingStudent latest = students.standing().get(students.standing().size() - 1);
            studentCrop = latest.closeUp(studentSize);
            lastStudent = seconds;
        }
        if (courseware != null && coursewareSize != null) {
            lastCourseware = courseware.lastChange();
        }
        Shot wanted = wanted(seconds);
        decide(seconds, wanted);
        return layout();
    }

    private Shot wanted(double seconds) {
        if (studentCrop != null && seconds - lastStudent <= settings.afterStudentSeconds()) {
            pendingReason = "a student stood up";
            return Shot.STUDENT_CLOSE;
        }
        if (seconds - lastCourseware <= settings.coursewareSeconds()) {
            pendingReason = "new courseware";
            return Shot.COURSEWARE;
        }
        if (seconds - lastTracked > settings.lostSeconds() || teacherCrop == null) {
            pendingReason = "no presenter tracked";
            return Shot.TEACHER_WIDE;
        }
        pendingReason = "the presenter";
        return Shot.TEACHER_CLOSE;
    }

    private void decide(double seconds, Shot wanted) {
        if (current == null) {
            cut(seconds, wanted);
            return;
        }
        if (wanted == current) {
            pending = null;
            return;
        }
        if (wanted != pending) {
            pending = wanted;
            pendingSince = seconds;
        }
        double lasted = seconds - currentSince;
        boolean settled = seconds - pendingSince >= settings.settleSeconds() - 1e-9;
        boolean longEnough = lasted >= settings.minShotSeconds() - 1e-9
                || (priority(wanted) > priority(current) && lasted >= settings.interruptSeconds() - 1e-9);
        if (settled && longEnough) {
            cut(seconds, wanted);
        }
    }

    private void cut(double seconds, Shot to) {
        cuts.add(new Cut(seconds, current, to, pendingReason));
        current = to;
        currentSince = seconds;
        pending = null;
    }

    private static int priority(Shot shot) {
        return switch (shot) {
            case STUDENT_CLOSE -> 3;
            case COURSEWARE -> 2;
            case TEACHER_CLOSE, TEACHER_WIDE -> 1;
        };
    }

    private Layout layout() {
        Box teacherWide = widest(teacherSize);
        Box teacher = teacherCrop != null && current != Shot.TEACHER_WIDE ? teacherCrop : teacherWide;
        return switch (current) {
            case TEACHER_CLOSE, TEACHER_WIDE -> new Layout(current,
                    List.of(new Placement(Source.TEACHER, teacher, Placement.FULL)));
            case STUDENT_CLOSE -> new Layout(current,
                    List.of(new Placement(Source.STUDENTS, studentCrop, Placement.FULL)));
            case COURSEWARE -> {
                Placement screen = new Placement(Source.COURSEWARE, Box.of(coursewareSize), Placement.FULL);
                boolean tracked = teacherCrop != null && lastTracked >= currentSince - settings.lostSeconds();
                yield settings.teacherInCourseware()
                        ? new Layout(current, List.of(screen, new Placement(Source.TEACHER,
                                tracked ? teacherCrop : teacherWide, settings.pictureInPicture())))
                        : new Layout(current, List.of(screen));
            }
        };
    }

    /** The largest 16:9 crop of a source, centred. */
    static Box widest(FrameSize size) {
        double h = Math.min(size.height(), size.width() * 9.0 / 16);
        return Box.centred(size.width() / 2.0, size.height() / 2.0, h * 16 / 9, h);
    }

    /** The shot on air now (null before the first update). */
    public Shot shot() {
        return current;
    }

    /** Every cut so far, the first being the opening shot. */
    public List<Cut> cuts() {
        return Collections.unmodifiableList(cuts);
    }
}
