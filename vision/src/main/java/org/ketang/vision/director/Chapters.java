package org.ketang.vision.director;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes the director's cuts next to a recording, as JSON lines (one cut per line, for machines) or as WebVTT
 * chapters (for players: {@code <track kind="chapters">}, hls.js and video.js read them).
 */
public final class Chapters {

    private Chapters() {
    }

    /**
     * One JSON object per cut and line:
     * {@code {"t":12.340,"from":"TEACHER_CLOSE","to":"COURSEWARE","title":"课件 Courseware","reason":"new courseware"}}.
     */
    public static void writeJsonLines(List<Cut> cuts, Appendable out) throws IOException {
        for (Cut cut : cuts) {
            out.append(String.format(Locale.ROOT, "{\"t\":%.3f,\"from\":%s,\"to\":\"%s\",\"title\":%s,\"reason\":%s}%n",
                    cut.seconds(), cut.from() == null ? "null" : "\"" + cut.from().name() + "\"", cut.to().name(),
                    json(cut.to().title()), json(cut.reason())));
        }
    }

    /**
     * WebVTT chapters: one cue per stretch of the lesson with the same subject — the teacher (close or wide), a
     * student, the courseware — from its first cut to the next change of subject (the last to {@code endSeconds},
     * the length of the recording).
     */
    public static void writeWebVtt(List<Cut> cuts, double endSeconds, Appendable out) throws IOException {
        out.append("WEBVTT\n");
        int number = 1;
        int i = 0;
        while (i < cuts.size()) {
            Cut start = cuts.get(i);
            String title = chapterTitle(start.to());
            int next = i + 1;
            while (next < cuts.size() && chapterTitle(cuts.get(next).to()).equals(title)) {
                next++;
            }
            double end = next < cuts.size() ? cuts.get(next).seconds() : endSeconds;
            if (end > start.seconds()) {
                out.append('\n').append(Integer.toString(number++)).append('\n')
                        .append(timestamp(start.seconds())).append(" --> ").append(timestamp(end)).append('\n')
                        .append(title).append('\n');
            }
            i = next;
        }
    }

    /** A viewer looks for the teacher, not for how close the camera was. */
    private static String chapterTitle(Shot shot) {
        return shot == Shot.TEACHER_WIDE ? Shot.TEACHER_CLOSE.title() : shot.title();
    }

    /** hh:mm:ss.ttt */
    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }

    private static String json(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
