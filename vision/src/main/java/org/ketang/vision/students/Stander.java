package org.ketang.vision.students;

/**
 * A standing student as the detector follows them: how far they rose, and what their place looked like seated
 * (just before the rise) and standing (just after), to see them sit down even when the movement was missed.
 */
final class Stander {

    final StandingStudent student;
    /** How far they rose, source pixels. */
    final double rise;
    /** Their region, analysis pixels: x0, y0, x1, y1. */
    final int[] region;
    final byte[] seated;
    final byte[] upright;
    double lastCheck;

    Stander(StandingStudent student, double rise, int[] region, byte[] seated, byte[] upright) {
        this.student = student;
        this.rise = rise;
        this.region = region;
        this.seated = seated;
        this.upright = upright;
        this.lastCheck = student.since();
    }
}
