package org.ketang.vision.scenes;

/**
 * Where a synthetic person is and how they hold themselves in one frame.
 *
 * @param x           horizontal centre of the feet, pixels
 * @param footY       the floor line under the feet, pixels
 * @param height      standing height, pixels
 * @param facing      which way the person looks
 * @param walkPhase   phase of the stride, radians (advances with the distance walked)
 * @param walking     0 standing .. 1 in full stride
 * @param leftArm     the person's left arm (on the picture's right when they face the camera)
 * @param rightArm    the person's right arm
 * @param lean        forward lean of the upper body, radians (bending over the desk, writing low)
 */
record Pose(double x, double footY, double height, Facing facing, double walkPhase, double walking, Arm leftArm,
        Arm rightArm, double lean) {

    /** Which way a person faces the camera. */
    enum Facing {
        CAMERA, LEFT, RIGHT, AWAY
    }

    /**
     * An arm: {@code raise} is the upper arm's angle away from hanging straight down, towards the body's outside
     * (π/2 horizontal, π straight up); {@code bend} is the elbow's extra angle in the same sense.
     */
    record Arm(double raise, double bend) {

        static final Arm HANGING = new Arm(0.12, 0.08);
    }
}
