package org.ketang.vision.director;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.ketang.vision.Box;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.FrameSize;
import org.ketang.vision.camera.CameraSettings;
import org.ketang.vision.camera.VirtualCamera;
import org.ketang.vision.courseware.CoursewareObservation;
import org.ketang.vision.courseware.CoursewareSettings;
import org.ketang.vision.courseware.SlideChangeDetector;
import org.ketang.vision.presenter.PresenterObservation;
import org.ketang.vision.presenter.PresenterTracker;
import org.ketang.vision.presenter.TrackerSettings;
import org.ketang.vision.students.StandUpDetector;
import org.ketang.vision.students.StudentObservation;
import org.ketang.vision.students.StudentSettings;

/**
 * Automatic directing for one classroom recording, the one object a recorder needs: give it each source's frames as
 * they come, ask it for the program's {@link Layout} for every program frame, and write its {@link #cuts()} next to
 * the recording with {@link Chapters} at the end.
 *
 * <p>It runs the {@link PresenterTracker} and a {@link VirtualCamera} on the teacher camera, the
 * {@link StandUpDetector} on the student camera and the {@link SlideChangeDetector} on the courseware, and a
 * {@link Director} on what they see. A classroom without a student camera or courseware passes null for its size;
 * features switched off in the settings are not analysed. With {@code enabled} off, the layout is always the whole
 * teaching area and nothing is analysed.
 *
 * <p>Threads: each source's frames may come from its own thread (one thread per source); {@link #layout} may be
 * called from another. Each source's analysis is serialised on its own; the program layout on the director. Settings
 * do not change during a recording: for new settings, make a new instance. Close it to free native memory.
 */
public final class AutoDirector implements AutoCloseable {

    private final ClassroomSettings settings;
    private final PresenterTracker tracker;
    private final VirtualCamera camera;
    private final StandUpDetector students;
    private final SlideChangeDetector courseware;
    private final Director director;
    private final Object teacherLock = new Object();
    private final Object studentLock = new Object();
    private final Object coursewareLock = new Object();

    private volatile PresenterObservation lastPresenter;
    private volatile Box lastCrop;
    private volatile StudentObservation lastStudents;
    private volatile CoursewareObservation lastCourseware;

    /**
     * @param teacher    size of the teacher camera's frames
     * @param students   size of the student camera's frames, null when the room has none
     * @param courseware size of the courseware frames, null when the room has none
     * @param fps        the sources' frame rate (the analysis copes with frames skipped; timestamps count)
     */
    public AutoDirector(ClassroomSettings settings, DirectorSettings rules, FrameSize teacher, FrameSize students,
            FrameSize courseware, double fps) {
        this.settings = settings;
        boolean on = settings.enabled();
        this.tracker = on ? new PresenterTracker(teacher, fps, TrackerSettings.from(settings)) : null;
        this.camera = on ? new VirtualCamera(teacher, settings.teachingArea(), CameraSettings.from(settings)) : null;
        boolean studentsOn = on && students != null && settings.followStudents();
        this.students = studentsOn ? new StandUpDetector(students, fps, StudentSettings.from(settings)) : null;
        boolean coursewareOn = on && courseware != null && settings.followCourseware();
        this.courseware = coursewareOn ? new SlideChangeDetector(courseware, fps, CoursewareSettings.from(settings))
                : null;
        this.director = new Director(rules, teacher, studentsOn ? students : null,
                coursewareOn ? courseware : null);
    }

    /** Analyses a frame of the teacher camera (8-bit BGR at its size). */
    public void teacherFrame(double seconds, Mat bgr) {
        if (tracker == null) {
            return;
        }
        synchronized (teacherLock) {
            PresenterObservation seen = tracker.update(seconds, bgr);
            lastCrop = camera.update(seen);
            lastPresenter = seen;
        }
    }

    /** Analyses a frame of the student camera (8-bit BGR at its size). */
    public void studentFrame(double seconds, Mat bgr) {
        if (students == null) {
            return;
        }
        synchronized (studentLock) {
            lastStudents = students.update(seconds, bgr);
        }
    }

    /** Analyses a frame of the courseware (8-bit BGR at its size). */
    public void coursewareFrame(double seconds, Mat bgr) {
        if (courseware == null) {
            return;
        }
        synchronized (coursewareLock) {
            lastCourseware = courseware.update(seconds, bgr);
        }
    }

    /** The program's layout for the program frame at {@code seconds} (increasing). */
    public Layout layout(double seconds) {
        synchronized (director) {
            return director.update(seconds, lastPresenter, lastCrop, lastStudents, lastCourseware);
        }
    }

    /** The cuts so far (for chapters). */
    public List<Cut> cuts() {
        synchronized (director) {
            return List.copyOf(director.cuts());
        }
    }

    /** The virtual camera's latest crop of the teacher camera (null before the first teacher frame, or when off). */
    public Box crop() {
        return lastCrop;
    }

    /** The last presenter observation (null before the first teacher frame). */
    public PresenterObservation presenter() {
        return lastPresenter;
    }

    /** The settings this director works with. */
    public ClassroomSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        synchronized (teacherLock) {
            if (tracker != null) {
                tracker.close();
            }
        }
        synchronized (studentLock) {
            if (students != null) {
                students.close();
            }
        }
        synchronized (coursewareLock) {
            if (courseware != null) {
                courseware.close();
            }
        }
    }
}
