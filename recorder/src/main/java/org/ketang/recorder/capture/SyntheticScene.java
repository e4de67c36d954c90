package org.ketang.recorder.capture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import org.bytedeco.opencv.opencv_core.Mat;
import org.jspecify.annotations.Nullable;
import org.ketang.vision.scenes.TeacherCamera;

/**
 * Renders one view of the built-in synthetic classroom: {@code classroom} (a presenter walking and pointing in
 * front of a board that fills with writing), {@code students} (rows of pupils, now and then a raised hand) or
 * {@code courseware} (slides that change), or {@code lecture} (the vision module's generated teacher camera, with
 * the presenter's true position known for every frame). Every view carries the {@link TimeStrip} in the top-left corner and the
 * {@link SyncMarks} flash square in the top-right corner. Frames are BGR24, ready for ffmpeg's rawvideo demuxer.
 */
final class SyntheticScene {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final String scene;
    private final int width;
    private final int height;
    private final SyncMarks marks;
    private final BufferedImage image;
    private final byte[] pixels;
    private final Graphics2D g;
    private boolean textWorks = true;
    private final int fps;
    private @Nullable TeacherCamera lecture;
    private @Nullable Mat lectureFrame; // OpenCV is loaded only for the lecture

    SyntheticScene(String scene, int width, int height, int fps, SyncMarks marks) {
        this.scene = scene;
        this.fps = fps;
        this.width = width;
        this.height = height;
        this.marks = marks;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        this.g = image.createGraphics();
    }

    /** Renders frame {@code index} (at {@code fps}) showing {@code epochMillis}; returns the BGR24 bytes (reused). */
    byte[] render(long index, int fps, long epochMillis) {
        double t = (double) index / fps;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        switch (scene) {
            case "students" -> students(t);
            case "courseware" -> courseware(t);
            case "lecture" -> lecture();
            default -> classroom(t);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        text(CLOCK.format(Instant.ofEpochMilli(epochMillis)), width - 6 * u(), height - u(), Color.WHITE, 0.035f, true);
        TimeStrip.draw(g, width, epochMillis);
        int s = width / TimeStrip.WIDTH_DIVISOR;
        g.setColor(Color.BLACK);
        g.fillRect(width - 6 * s, 0, 6 * s, 6 * s);
        g.setColor(marks.flashing(index, fps) ? Color.WHITE : Color.BLACK);
        g.fillRect(width - 5 * s, s, 4 * s, 4 * s);
        return pixels;
    }

    private int u() {
        return Math.max(1, width / 64);
    }

    /**
     * The next frame of the vision module's generated teacher camera ({@link SyntheticClassroom#lecture}): a
     * presenter who walks, pauses and writes, whose true position is known for every frame. Frames are asked for in
     * order; the lecture starts again when it ends.
     */
    private void lecture() {
        if (lectureFrame == null) {
            lectureFrame = new Mat();
        }
        if (lecture == null || !lecture.read(lectureFrame)) {
            if (lecture != null) {
                lecture.close();
            }
            lecture = SyntheticClassroom.lecture(width, height, fps).open();
            lecture.read(lectureFrame);
        }
        lectureFrame.data().get(pixels, 0, pixels.length);
    }

    private void classroom(double t) {
        g.setColor(new Color(0xE6DDC8));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x8A6A4A));
        g.fillRect(0, (int) (height * 0.82), width, height);
        int bx = (int) (width * 0.14);
        int by = (int) (height * 0.16);
        int bw = (int) (width * 0.66);
        int bh = (int) (height * 0.44);
        g.setColor(new Color(0x6B4F32));
        g.fillRect(bx - 6, by - 6, bw + 12, bh + 12);
        g.setColor(new Color(0x24503A));
        g.fillRect(bx, by, bw, bh);
        // the board fills with writing over a minute, then is wiped
        double cycle = t % 60;
        g.setColor(new Color(0xF0F0E8));
        g.setStroke(new BasicStroke(Math.max(1.5f, width / 400f)));
        Random chalk = new Random(7 + (long) (t / 60));
        int lines = (int) Math.min(6, cycle / 8);
        for (int line = 0; line <= lines; line++) {
            int y = by + bh / 8 + line * bh / 7;
            int x = bx + bw / 20;
            double lineLength = line < lines ? 1 : (cycle % 8) / 8;
            int end = bx + (int) (bw / 20 + (bw * 0.85) * lineLength);
            while (x < end) {
                int w = 6 + chalk.nextInt(Math.max(2, width / 40));
                drawWord(x, y, Math.min(w, end - x), chalk);
                x += w + width / 80;
            }
        }
        text("a² + b² = c²", bx + bw * 0.6f, by + bh * 0.93f, new Color(0xF8E27A), 0.05f, false);
        // a desk on the right
        g.setColor(new Color(0x9C7B55));
        g.fillRect((int) (width * 0.80), (int) (height * 0.62), (int) (width * 0.14), (int) (height * 0.22));
        // the presenter walks along the board and now and then points at it
        double x = width * (0.45 + 0.28 * Math.sin(2 * Math.PI * t / 23) + 0.04 * Math.sin(2 * Math.PI * t / 5.3));
        boolean pointing = (t % 11) > 6.5;
        presenter(x, height * 0.84, height * 0.58, t, pointing);
        // backs of heads in the first row
        for (int i = 0; i < 7; i++) {
            double hx = width * (0.07 + i * 0.145) + Math.sin(t * 0.7 + i) * width * 0.004;
            head(hx, height * 0.98, height * 0.09, new Color(0x2A2420), new Color(0x3B3B5A + i * 0x050505));
        }
    }

    private void drawWord(int x, int y, int w, Random chalk) {
        GeneralPath path = new GeneralPath();
        path.moveTo(x, y);
        int h = Math.max(3, height / 60);
        for (int i = 0; i <= w; i += 3) {
            path.lineTo(x + i, y + (chalk.nextBoolean() ? -h : h) * chalk.nextDouble());
        }
        g.draw(path);
    }

    private void presenter(double feetX, double feetY, double size, double t, boolean pointing) {
        double bob = Math.abs(Math.sin(2 * Math.PI * t * 0.9)) * size * 0.01;
        double headR = size * 0.085;
        double shoulderY = feetY - size * 0.78 - bob;
        double hipY = feetY - size * 0.42 - bob;
        AffineTransform saved = g.getTransform();
        // legs with a walking swing
        double swing = Math.sin(2 * Math.PI * t * 0.9) * size * 0.05;
        g.setColor(new Color(0x2C3440));
        g.setStroke(new BasicStroke((float) (size * 0.07), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(feetX - size * 0.04, hipY, feetX - size * 0.05 + swing, feetY));
        g.draw(new java.awt.geom.Line2D.Double(feetX + size * 0.04, hipY, feetX + size * 0.05 - swing, feetY));
        // torso
        GeneralPath torso = new GeneralPath();
        torso.moveTo(feetX - size * 0.13, shoulderY);
        torso.lineTo(feetX + size * 0.13, shoulderY);
        torso.lineTo(feetX + size * 0.10, hipY);
        torso.lineTo(feetX - size * 0.10, hipY);
        torso.closePath();
        g.setColor(new Color(0x3466A8));
        g.fill(torso);
        // arms: one hangs, the other points at the board when pointing
        g.setStroke(new BasicStroke((float) (size * 0.05), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0x2E5A94));
        g.draw(new java.awt.geom.Line2D.Double(feetX + size * 0.12, shoulderY + size * 0.02,
                feetX + size * 0.15, hipY + size * 0.02));
        double angle = pointing ? Math.toRadians(-150 + 10 * Math.sin(t * 3)) : Math.toRadians(100);
        double armLength = size * 0.36;
        double sx = feetX - size * 0.12;
        double sy = shoulderY + size * 0.02;
        g.draw(new java.awt.geom.Line2D.Double(sx, sy, sx + Math.cos(angle) * armLength,
                sy + Math.sin(angle) * armLength));
        head(feetX, shoulderY - headR * 0.9, headR * 2, new Color(0xE2B48C), new Color(0x2B1B10));
        g.setTransform(saved);
    }

    private void head(double cx, double cy, double size, Color skin, Color hair) {
        double r = size / 2;
        g.setColor(skin);
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2.2 * r));
        g.setColor(hair);
        g.fill(new java.awt.geom.Arc2D.Double(cx - r, cy - r * 1.05, 2 * r, 2 * r, 0, 180,
                java.awt.geom.Arc2D.PIE));
    }

    private void students(double t) {
        g.setColor(new Color(0xD9D4C3));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0xB9A789));
        g.fillRect(0, (int) (height * 0.35), width, height);
        int rows = 3;
        int perRow = 6;
        int raised = (int) ((t / 7) % (rows * perRow));
        boolean handUp = (t % 7) < 3;
        for (int row = 0; row < rows; row++) {
            double y = height * (0.45 + row * 0.2);
            double size = height * (0.13 + row * 0.03);
            for (int i = 0; i < perRow; i++) {
                double x = width * (0.1 + i * 0.16) + (row % 2) * width * 0.04 + Math.sin(t * 0.9 + i * 1.7 + row) * 2;
                Color shirt = new Color(Color.HSBtoRGB((i * 0.17f + row * 0.31f) % 1f, 0.45f, 0.75f));
                g.setColor(shirt);
                g.fill(new RoundRectangle2D.Double(x - size * 0.45, y, size * 0.9, size * 0.8, size * 0.3, size * 0.3));
                if (handUp && row * perRow + i == raised) {
                    g.setStroke(new BasicStroke((float) (size * 0.12), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(new java.awt.geom.Line2D.Double(x + size * 0.35, y + size * 0.1, x + size * 0.45, y - size * 0.8));
                }
                head(x, y - size * 0.25, size * 0.55, new Color(0xE0B38A), new Color(0x1E1712));
                g.setColor(new Color(0x8F6C47));
                g.fillRect((int) (x - size * 0.6), (int) (y + size * 0.55), (int) (size * 1.2), (int) (size * 0.25));
            }
        }
    }

    private void courseware(double t) {
        int page = 1 + (int) (t / 15);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x1F5FAF));
        g.fillRect(0, (int) (height * 0.14), width, (int) (height * 0.12));
        text("第" + page + "页  Page " + page + " · 勾股定理 Pythagoras", width * 0.06f, height * 0.225f, Color.WHITE,
                0.04f, false);
        Random words = new Random(page);
        g.setColor(new Color(0x333333));
        for (int i = 0; i < 5; i++) {
            double y = height * (0.36 + i * 0.1);
            g.fill(new Ellipse2D.Double(width * 0.07, y - height * 0.012, height * 0.024, height * 0.024));
            g.fillRect((int) (width * 0.1), (int) (y - height * 0.008), (int) (width * (0.3 + words.nextDouble() * 0.25)),
                    (int) (height * 0.016));
        }
        // a small bar chart that grows on each page
        double grow = Math.min(1, (t % 15) / 3);
        for (int i = 0; i < 4; i++) {
            double h = height * 0.3 * (0.3 + words.nextDouble() * 0.7) * grow;
            g.setColor(new Color(Color.HSBtoRGB(i * 0.2f, 0.6f, 0.85f)));
            g.fillRect((int) (width * (0.7 + i * 0.06)), (int) (height * 0.82 - h), (int) (width * 0.045), (int) h);
        }
    }

    private void text(String text, float x, float y, Color color, float relativeSize, boolean shadow) {
        if (!textWorks) {
            return;
        }
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, (int) (height * relativeSize))));
            if (shadow) {
                g.setColor(Color.BLACK);
                g.drawString(text, x + 1, y + 1);
            }
            g.setColor(color);
            g.drawString(text, x, y);
        } catch (RuntimeException | Error noFonts) {
            textWorks = false; // a box without fonts still gets shapes, the strip and the marks
        }
    }
}
