package org.ketang.vision.scenes;

import org.ketang.vision.scenes.Pose.Arm;
import org.ketang.vision.scenes.Pose.Facing;

/**
 * Draws a synthetic person from a {@link Look} and a {@link Pose}: head with hair and face, neck, torso (with
 * jacket or stripes), two jointed arms with sleeves and hands, two jointed legs (or a skirt) and shoes, in human
 * proportions. Walking swings arms and legs; sideways and back views differ from the front view.
 */
final class Figure {

    private Figure() {
    }

    static void draw(Canvas canvas, Look look, Pose pose) {
        double h = pose.height();
        double x = pose.x();
        boolean side = pose.facing() == Facing.LEFT || pose.facing() == Facing.RIGHT;
        double dir = pose.facing() == Facing.RIGHT ? 1 : pose.facing() == Facing.LEFT ? -1 : 0;
        double stride = Math.sin(pose.walkPhase()) * pose.walking();
        double bob = 0.012 * h * Math.abs(Math.cos(pose.walkPhase())) * pose.walking();
        double top = pose.footY() - h - bob;
        double hipY = top + 0.52 * h;
        double leanX = side ? dir * Math.sin(pose.lean()) * 0.33 * h : 0;
        double leanDrop = (1 - Math.cos(pose.lean())) * 0.33 * h;
        double shoulderY = top + 0.185 * h + leanDrop;
        double build = look.build();
        double shoulderHalf = (side ? 0.075 : 0.13) * h * build;
        double hipHalf = (side ? 0.07 : 0.10) * h * build;
        double limb = 0.075 * h * Math.sqrt(build);

        legs(canvas, look, pose, h, x, hipY, side, dir, stride, limb);
        if (look.skirt()) {
            double knee = hipY + 0.24 * h;
            canvas.polygon(look.bottom(), x - hipHalf, hipY - 0.02 * h, x + hipHalf, hipY - 0.02 * h,
                    x + hipHalf * 1.5, knee, x - hipHalf * 1.5, knee);
        }

        Colour sleeve = look.jacket() != null ? look.jacket() : look.top();
        double shoulderX = x + leanX;
        if (side) {
            arm(canvas, look, sleeve.times(0.8), shoulderX, shoulderY + 0.015 * h, dir, pose.rightArm(),
                    -0.4 * stride, h, limb * 0.8);
        }
        torso(canvas, look, x, shoulderX, shoulderY, hipY, shoulderHalf, hipHalf, h, pose.facing());
        if (side) {
            arm(canvas, look, sleeve, shoulderX, shoulderY + 0.015 * h, dir, pose.leftArm(), 0.4 * stride, h,
                    limb * 0.8);
        } else {
            // facing the camera the person's right arm is on the picture's left; facing away, on its right
            double rightSide = pose.facing() == Facing.AWAY ? 1 : -1;
            double inset = shoulderHalf - limb * 0.45;
            arm(canvas, look, sleeve, shoulderX + rightSide * inset, shoulderY + 0.015 * h, rightSide,
                    pose.rightArm(), 0, h, limb * 0.8);
            arm(canvas, look, sleeve, shoulderX - rightSide * inset, shoulderY + 0.015 * h, -rightSide,
                    pose.leftArm(), 0, h, limb * 0.8);
        }
        head(canvas, look, shoulderX + (side ? dir * 0.01 * h : 0), top + leanDrop, h, pose.facing(), dir);
    }

    /**
     * Where the hand of the person's right arm is when they face away from the camera (writing at the board), as
     * {x, y}; the same geometry {@link #draw} uses.
     */
    static double[] writingHand(Look look, Pose pose) {
        double h = pose.height();
        double top = pose.footY() - h - 0.012 * h * Math.abs(Math.cos(pose.walkPhase())) * pose.walking();
        double shoulderHalf = 0.13 * h * look.build();
        double limb = 0.075 * h * Math.sqrt(look.build());
        double sx = pose.x() + shoulderHalf - limb * 0.45;
        double sy = top + 0.185 * h + 0.015 * h;
        double a1 = pose.rightArm().raise();
        double a2 = a1 + pose.rightArm().bend();
        double wx = sx + 0.17 * h * Math.sin(a1) + 0.185 * h * Math.sin(a2);
        double wy = sy + 0.17 * h * Math.cos(a1) + 0.185 * h * Math.cos(a2);
        return new double[] {wx, wy};
    }

    private static void legs(Canvas canvas, Look look, Pose pose, double h, double x, double hipY, boolean side,
            double dir, double stride, double limb) {
        double thigh = 0.235 * h;
        double shin = 0.235 * h;
        for (int i : new int[] {-1, 1}) {
            Colour trousers = side && i < 0 ? look.bottom().times(0.8) : look.bottom();
            Colour legColour = look.skirt() ? look.skin() : trousers;
            double hipX = x + i * 0.045 * h * look.build() * (side ? 0.3 : 1);
            double kneeX;
            double kneeY;
            double ankleX;
            double ankleY;
            if (side) {
                double swing = i * 0.42 * stride;
                double bend = Math.max(0, -i * stride) * 0.6;
                kneeX = hipX + dir * thigh * Math.sin(swing);
                kneeY = hipY + thigh * Math.cos(swing);
                ankleX = kneeX + dir * shin * Math.sin(swing - bend);
                ankleY = kneeY + shin * Math.cos(swing - bend);
            } else {
                double lift = Math.max(0, i * stride) * 0.06 * h;
                kneeX = hipX + i * 0.006 * h;
                kneeY = hipY + thigh - lift * 0.5;
                ankleX = hipX + i * 0.012 * h;
                ankleY = pose.footY() - 0.03 * h - lift;
            }
            canvas.stroke(hipX, hipY, kneeX, kneeY, limb * 1.15, legColour);
            canvas.stroke(kneeX, kneeY, ankleX, ankleY, limb * 0.95, legColour);
            double footLength = side ? 0.06 * h : 0.035 * h;
            canvas.ellipseFilled(ankleX + dir * 0.025 * h, ankleY + 0.012 * h, footLength, 0.017 * h, 0,
                    look.shoes());
        }
    }

    private static void torso(Canvas canvas, Look look, double hipX, double x, double shoulderY, double hipY,
            double shoulderHalf, double hipHalf, double h, Facing facing) {
        double waistY = shoulderY + 0.6 * (hipY - shoulderY);
        double waistHalf = Math.min(shoulderHalf, hipHalf) * 0.92;
        double[] outline = {x - shoulderHalf, shoulderY, x + shoulderHalf, shoulderY,
            hipX + (x - hipX) * 0.4 + waistHalf, waistY, hipX + hipHalf, hipY + 0.01 * h,
            hipX - hipHalf, hipY + 0.01 * h, hipX + (x - hipX) * 0.4 - waistHalf, waistY};
        Colour outer = look.jacket() != null ? look.jacket() : look.top();
        canvas.polygon(outer, outline);
        if (look.stripes() != null && look.jacket() == null) {
            for (double y = shoulderY + 0.03 * h; y < hipY - 0.01 * h; y += 0.035 * h) {
                double f = (y - shoulderY) / (hipY - shoulderY);
                double half = shoulderHalf + (hipHalf - shoulderHalf) * f;
                double cx = x + (hipX - x) * f;
                canvas.stroke(cx - half * 0.95, y, cx + half * 0.95, y, 0.009 * h, look.stripes());
            }
        }
        if (look.jacket() != null && facing == Facing.CAMERA) {
            canvas.polygon(look.top(), x - shoulderHalf * 0.35, shoulderY, x + shoulderHalf * 0.35, shoulderY,
                    x + (hipX - x) * 0.7, hipY - 0.04 * h);
        }
        // a belt line gives the body a horizontal edge in the middle, like real clothes
        canvas.stroke(hipX - hipHalf * 0.97, hipY - 0.005 * h, hipX + hipHalf * 0.97, hipY - 0.005 * h, 0.012 * h,
                look.bottom().times(0.6));
    }

    private static void arm(Canvas canvas, Look look, Colour sleeve, double sx, double sy, double outward, Arm arm,
            double swing, double h, double thickness) {
        double upper = 0.17 * h;
        double fore = 0.155 * h;
        double a1 = arm.raise() + swing;
        double a2 = a1 + arm.bend();
        double ex = sx + outward * upper * Math.sin(a1);
        double ey = sy + upper * Math.cos(a1);
        double wx = ex + outward * fore * Math.sin(a2);
        double wy = ey + fore * Math.cos(a2);
        canvas.stroke(sx, sy, ex, ey, thickness, sleeve);
        canvas.stroke(ex, ey, wx, wy, thickness * 0.85, look.longSleeves() ? sleeve : look.skin());
        double hx = wx + outward * 0.03 * h * Math.sin(a2);
        double hy = wy + 0.03 * h * Math.cos(a2);
        canvas.ellipseFilled(hx, hy, 0.022 * h, 0.03 * h, Math.toDegrees(-outward * a2), look.skin());
    }

    private static void head(Canvas canvas, Look look, double x, double top, double h, Facing facing, double dir) {
        double rx = 0.047 * h;
        double ry = 0.062 * h;
        double cy = top + ry + 0.004 * h;
        canvas.stroke(x, cy + ry * 0.7, x, cy + ry * 1.6, 0.045 * h, look.skin().times(0.92));
        canvas.ellipseFilled(x, cy, rx, ry, 0, look.skin());
        switch (facing) {
            case AWAY -> canvas.ellipseFilled(x, cy - 0.004 * h, rx * 1.06, ry * 0.98, 0, look.hair());
            case CAMERA -> {
                canvas.ellipseSector(x, cy - 0.006 * h, rx * 1.07, ry * 0.95, 180, 360, look.hair());
                Colour eye = new Colour(40, 30, 30);
                canvas.ellipseFilled(x - rx * 0.38, cy + ry * 0.05, rx * 0.12, ry * 0.07, 0, eye);
                canvas.ellipseFilled(x + rx * 0.38, cy + ry * 0.05, rx * 0.12, ry * 0.07, 0, eye);
                canvas.stroke(x - rx * 0.3, cy + ry * 0.55, x + rx * 0.3, cy + ry * 0.55, 0.006 * h,
                        look.skin().times(0.7));
            }
            default -> {
                canvas.ellipseSector(x, cy - 0.006 * h, rx * 1.07, ry * 0.95, 180, 360, look.hair());
                canvas.ellipseFilled(x - dir * rx * 0.45, cy, rx * 0.6, ry * 0.8, 0, look.hair());
                canvas.ellipseFilled(x + dir * rx * 0.55, cy + ry * 0.05, rx * 0.12, ry * 0.07, 0,
                        new Colour(40, 30, 30));
            }
        }
    }
}
