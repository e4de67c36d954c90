package org.ketang.vision.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ketang.vision.Box;

/**
 * The plain ground-truth format, so that real footage can be scored like the generated scenes. UTF-8 text, one item
 * per line, numbers separated by spaces, tabs or commas; {@code #} starts a comment; frames count from 0; boxes are
 * pixels of the video ({@code x y} the top-left corner):
 *
 * <pre>
 * # the presenter's box in a frame (frames not listed, or with w or h 0: the presenter is not visible)
 * frame x y w h
 * # a student stands up at startFrame (when they begin to rise) and starts to sit down at endFrame
 * standup startFrame endFrame x y w h
 * # new content on the courseware (a slide or a bullet) appears at frame
 * slide frame
 * </pre>
 */
public final class TruthFile {

    private TruthFile() {
    }

    /**
     * Reads a truth file.
     *
     * @param fps the video's frame rate, to turn frames into seconds
     * @throws IllegalArgumentException naming the line that is not in the format
     */
    public static Truth read(Reader in, double fps) throws IOException {
        PresenterTruth presenter = new PresenterTruth();
        List<StandUpTruth> standUps = new ArrayList<>();
        List<Double> slides = new ArrayList<>();
        BufferedReader reader = new BufferedReader(in);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("[\\s,]+");
            try {
                switch (fields[0].toLowerCase(Locale.ROOT)) {
                    case "standup" -> {
                        expect(fields, 7, "standup startFrame endFrame x y w h");
                        standUps.add(new StandUpTruth(frame(fields[1]) / fps, frame(fields[2]) / fps,
                                box(fields, 3)));
                    }
                    case "slide" -> {
                        expect(fields, 2, "slide frame");
                        slides.add(frame(fields[1]) / fps);
                    }
                    default -> {
                        expect(fields, 5, "frame x y w h");
                        double w = Double.parseDouble(fields[3]);
                        double h = Double.parseDouble(fields[4]);
                        presenter.put(frame(fields[0]), w > 0 && h > 0 ? box(fields, 1) : null);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + ": " + line, e);
            }
        }
        standUps.sort((a, b) -> Double.compare(a.upAt(), b.upAt()));
        slides.sort(Double::compare);
        return new Truth(presenter, standUps, slides);
    }

    /** Writes the presenter's boxes of frames 0 until {@code frames}, one line per frame. */
    public static void writePresenter(PresenterTruth truth, int frames, Appendable out) throws IOException {
        out.append("# frame x y w h (pixels; 0 0 0 0: presenter not visible)\n");
        for (int f = 0; f < frames; f++) {
            Box b = truth.at(f).orElse(null);
            if (b == null) {
                out.append(String.format(Locale.ROOT, "%d 0 0 0 0%n", f));
            } else {
                out.append(String.format(Locale.ROOT, "%d %.0f %.0f %.0f %.0f%n", f, b.x(), b.y(), b.width(),
                        b.height()));
            }
        }
    }

    /** Writes stand-ups as {@code standup startFrame endFrame x y w h} lines. */
    public static void writeStandUps(List<StandUpTruth> standUps, double fps, Appendable out) throws IOException {
        out.append("# standup startFrame endFrame x y w h\n");
        for (StandUpTruth s : standUps) {
            Box b = s.standing();
            out.append(String.format(Locale.ROOT, "standup %d %d %.0f %.0f %.0f %.0f%n", Math.round(s.upAt() * fps),
                    Math.round(s.downAt() * fps), b.x(), b.y(), b.width(), b.height()));
        }
    }

    /** Writes slide changes as {@code slide frame} lines. */
    public static void writeSlides(List<Double> changes, double fps, Appendable out) throws IOException {
        out.append("# slide frame\n");
        for (double t : changes) {
            out.append(String.format(Locale.ROOT, "slide %d%n", Math.round(t * fps)));
        }
    }

    private static void expect(String[] fields, int count, String format) {
        if (fields.length != count) {
            throw new IllegalArgumentException("expected \"" + format + "\"");
        }
    }

    private static int frame(String field) {
        int frame = Integer.parseInt(field);
        if (frame < 0) {
            throw new IllegalArgumentException("frames count from 0");
        }
        return frame;
    }

    private static Box box(String[] fields, int from) {
        return new Box(Double.parseDouble(fields[from]), Double.parseDouble(fields[from + 1]),
                Double.parseDouble(fields[from + 2]), Double.parseDouble(fields[from + 3]));
    }
}
