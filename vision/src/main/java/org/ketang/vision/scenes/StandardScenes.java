package org.ketang.vision.scenes;

import static org.ketang.vision.scenes.TeacherScene.Challenge.LEAVES_AND_RETURNS;
import static org.ketang.vision.scenes.TeacherScene.Challenge.LIGHTING_CHANGES;
import static org.ketang.vision.scenes.TeacherScene.Challenge.PASSERS_BY;
import static org.ketang.vision.scenes.TeacherScene.Challenge.PROJECTOR_FLICKER;
import static org.ketang.vision.scenes.TeacherScene.Challenge.SLIDING_BOARD;
import static org.ketang.vision.scenes.TeacherScene.Challenge.STANDS_STILL;
import static org.ketang.vision.scenes.TeacherScene.Challenge.STUDENT_HEADS;
import static org.ketang.vision.scenes.TeacherScene.Challenge.WRITES_AT_BOARD;

import java.util.EnumSet;
import java.util.List;

import org.ketang.vision.FrameSize;
import org.ketang.vision.Region;

/**
 * The scene set of the tracking benchmark: teacher scenes that add one difficulty at a time and then all together,
 * with small, medium and large presenters and one in 1080p; student scenes with and without distractions; courseware
 * with builds, a pointer, a video and fades. The seeds are fixed, so every run scores the same videos; they were
 * chosen once, not tuned (any seed makes a valid scene).
 */
public final class StandardScenes {

    private static final FrameSize HD = new FrameSize(1280, 720);
    private static final FrameSize FULL_HD = new FrameSize(1920, 1080);
    private static final Region ABOVE_HEADS = new Region(0, 0, 1, 0.88);

    private StandardScenes() {
    }

    /** Teacher-camera scenes of {@code seconds} each. */
    public static List<TeacherScene> teacher(double seconds) {
        EnumSet<TeacherScene.Challenge> all = EnumSet.allOf(TeacherScene.Challenge.class);
        return List.of(
                new TeacherScene("walks and talks", 101, HD, 25, seconds, 0.55, 3, EnumSet.noneOf(
                        TeacherScene.Challenge.class), Region.WHOLE),
                new TeacherScene("writes, stands still", 102, HD, 25, seconds, 0.5, 3,
                        EnumSet.of(WRITES_AT_BOARD, STANDS_STILL), Region.WHOLE),
                new TeacherScene("leaves and returns", 103, HD, 25, seconds, 0.5, 3, EnumSet.of(LEAVES_AND_RETURNS),
                        Region.WHOLE),
                new TeacherScene("projector flicker", 104, HD, 25, seconds, 0.45, 4, EnumSet.of(PROJECTOR_FLICKER),
                        Region.WHOLE),
                new TeacherScene("sliding board, lights", 105, HD, 25, seconds, 0.5, 4,
                        EnumSet.of(SLIDING_BOARD, LIGHTING_CHANGES), Region.WHOLE),
                new TeacherScene("passers-by", 106, HD, 25, seconds, 0.5, 4, EnumSet.of(PASSERS_BY), Region.WHOLE),
                new TeacherScene("heads in front", 107, HD, 25, seconds, 0.5, 4, EnumSet.of(STUDENT_HEADS),
                        ABOVE_HEADS),
                new TeacherScene("small presenter, all", 108, HD, 25, seconds, 0.32, 5, all, ABOVE_HEADS),
                new TeacherScene("large presenter, all", 109, HD, 25, seconds, 0.68, 5, all, ABOVE_HEADS),
                new TeacherScene("1080p, all, noisy", 110, FULL_HD, 25, seconds, 0.5, 7, all, ABOVE_HEADS));
    }

    /** Student-camera scenes of {@code seconds} each. */
    public static List<StudentScene> students(double seconds) {
        EnumSet<StudentScene.Challenge> all = EnumSet.allOf(StudentScene.Challenge.class);
        int standUps = Math.max(2, (int) (seconds / 12));
        return List.of(
                new StudentScene("calm class", 201, HD, 25, seconds, 5, 8, standUps, 3,
                        EnumSet.noneOf(StudentScene.Challenge.class)),
                new StudentScene("hands up", 202, HD, 25, seconds, 5, 8, standUps, 3,
                        EnumSet.of(StudentScene.Challenge.HAND_RAISES)),
                new StudentScene("restless, lights", 203, HD, 25, seconds, 6, 9, standUps, 4, all),
                new StudentScene("small room, 1080p", 204, FULL_HD, 25, seconds, 4, 6, standUps, 5, all));
    }

    /** Courseware feeds of {@code seconds} each. */
    public static List<CoursewareScene> courseware(double seconds) {
        int slides = Math.max(2, (int) (seconds / 10));
        return List.of(
                new CoursewareScene("slides", 301, HD, 25, seconds, slides, 1.5,
                        EnumSet.noneOf(CoursewareScene.Challenge.class)),
                new CoursewareScene("builds and pointer", 302, HD, 25, seconds, slides, 1.5,
                        EnumSet.of(CoursewareScene.Challenge.BUILDS, CoursewareScene.Challenge.POINTER)),
                new CoursewareScene("video and fades", 303, FULL_HD, 25, seconds, slides, 2,
                        EnumSet.allOf(CoursewareScene.Challenge.class)));
    }
}
