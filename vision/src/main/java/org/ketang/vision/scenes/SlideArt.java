package org.ketang.vision.scenes;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_DUPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;

import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Renders lesson slides: a template colour, a title, bullet lines that can appear one by one, and a chart or
 * diagram, all from a seed.
 */
final class SlideArt {

    private static final List<String> TITLES = List.of("Quadratic equations", "The Pythagorean theorem",
            "Photosynthesis", "Newton's second law", "Reading: spring morning", "Linear functions", "Cell division",
            "Chemical reactions", "Probability", "Ancient poetry");
    private static final List<String> WORDS = List.of("solve", "for", "x", "the", "root", "triangle", "energy",
            "light", "force", "mass", "equals", "area", "angle", "example", "note", "step", "graph", "value",
            "because", "therefore", "a^2 + b^2 = c^2", "F = m a", "y = kx + b", "practice");
    private static final List<Colour> TEMPLATES = List.of(Colour.rgb(250, 250, 248), Colour.rgb(235, 242, 250),
            Colour.rgb(30, 50, 90), Colour.rgb(245, 240, 225), Colour.rgb(20, 70, 60));

    private SlideArt() {
    }

    /** A slide showing its first {@code bullets} bullet lines (a build adds one line at a time). */
    static Mat render(int width, int height, long seed, int bullets) {
        SplittableRandom random = new SplittableRandom(seed);
        Colour background = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        boolean dark = background.r() + background.g() + background.b() < 300;
        Colour ink = dark ? Colour.rgb(240, 240, 235) : Colour.rgb(30, 30, 40);
        Colour accent = Colour.rgb(60 + random.nextInt(180), 60 + random.nextInt(180), 60 + random.nextInt(180));
        Mat slide = new Mat(height, width, CV_8UC3);
        try (Scalar bg = background.scalar()) {
            slide.put(bg);
        }
        Canvas canvas = Canvas.on(slide);
        canvas.rectangle(0, 0, width, height * 0.16, accent);
        double scale = height / 360.0;
        text(slide, TITLES.get(random.nextInt(TITLES.size())), width * 0.05, height * 0.11, 0.95 * scale,
                dark ? Colour.rgb(255, 255, 255) : Colour.rgb(255, 255, 250), FONT_HERSHEY_DUPLEX,
                Math.max(1, (int) (2 * scale)));
        int lines = 4 + random.nextInt(3);
        boolean chart = random.nextBoolean();
        double textRight = chart ? 0.55 : 0.92;
        for (int i = 0; i < lines; i++) {
            // every line is composed, shown or not, so that a build shows the same slide with more lines
            StringBuilder line = new StringBuilder();
            int words = 3 + random.nextInt(4);
            for (int w = 0; w < words; w++) {
                line.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
            }
            if (i >= bullets) {
                continue;
            }
            double y = height * (0.3 + 0.12 * i);
            canvas.ellipseFilled(width * 0.06, y - 6 * scale, 4 * scale, 4 * scale, 0, accent);
            String s = line.toString().trim();
            int max = (int) ((textRight - 0.09) * 44);
            text(slide, s.length() > max ? s.substring(0, max) : s, width * 0.09, y, 0.6 * scale, ink,
                    FONT_HERSHEY_SIMPLEX, Math.max(1, (int) (1.5 * scale)));
        }
        if (chart) {
            double left = width * 0.6;
            double base = height * 0.86;
            int bars = 3 + random.nextInt(4);
            double barWidth = width * 0.32 / bars;
            for (int b = 0; b < bars; b++) {
                double barHeight = height * (0.15 + 0.45 * random.nextDouble());
                canvas.rectangle(left + b * barWidth + barWidth * 0.15, base - barHeight, barWidth * 0.7, barHeight,
                        b % 2 == 0 ? accent : accent.times(0.7));
            }
            canvas.stroke(left, base, left + width * 0.34, base, 2 * scale, ink);
        } else {
            double cx = width * (0.7 + 0.15 * random.nextDouble());
            double cy = height * 0.75;
            canvas.polygon(accent.times(0.85), cx - 50 * scale, cy + 30 * scale, cx + 50 * scale, cy + 30 * scale,
                    cx - 50 * scale, cy - 40 * scale);
        }
        return slide;
    }

    static void text(Mat picture, String text, double x, double y, double size, Colour colour, int font,
            int thickness) {
        try (Point at = new Point((int) Math.round(x), (int) Math.round(y)); Scalar c = colour.scalar()) {
            putText(picture, text, at, font, size, c, thickness, LINE_AA, false);
        }
    }
}
