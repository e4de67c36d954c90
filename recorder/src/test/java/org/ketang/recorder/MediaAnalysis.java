package org.ketang.recorder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.ketang.recorder.capture.SyncMarks;
import org.ketang.recorder.capture.TimeStrip;
import org.ketang.recorder.ffmpeg.Ffmpeg;

/** Reads recorded files back with the real ffmpeg: flash and beep onsets, time strips, durations. */
public final class MediaAnalysis {

    private final Ffmpeg ffmpeg;

    public MediaAnalysis(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /**
     * Seconds at which the synthetic flash square turns white in a program {@code width} wide (the synthetic
     * classroom full screen), from the frame rate {@code fps}.
     */
    public List<Double> flashOnsets(Path file, int width, int fps) throws Exception {
        int s = width / TimeStrip.WIDTH_DIVISOR;
        // the middle of the flash square [W-5s, W-s) × [s, 5s)
        String crop = "crop=" + 2 * s + ":" + 2 * s + ":" + (width - 4 * s) + ":" + 2 * s;
        byte[] levels = bytes(List.of("-i", file.toString(), "-map", "0:v:0", "-vf", crop + ",scale=1:1,format=gray",
                "-f", "rawvideo", "-"));
        List<Double> onsets = new ArrayList<>();
        boolean white = false;
        for (int i = 0; i < levels.length; i++) {
            boolean now = (levels[i] & 0xFF) >= 128;
            if (now && !white) {
                onsets.add((double) i / fps);
            }
            white = now;
        }
        return onsets;
    }

    /** Seconds at which the 1 kHz sync tone begins (5 ms resolution). */
    public List<Double> beepOnsets(Path file) throws Exception {
        byte[] pcm = bytes(List.of("-i", file.toString(), "-map", "0:a:0", "-ac", "1", "-ar", "48000", "-f", "s16le",
                "-"));
        ByteBuffer buffer = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        int window = 240;
        int n = pcm.length / 2 / window;
        double[] tone = new double[n];
        double[] energy = new double[n];
        double coefficient = 2 * Math.cos(2 * Math.PI * SyncMarks.BEEP_HZ / 48000.0);
        for (int w = 0; w < n; w++) {
            double s1 = 0;
            double s2 = 0;
            double e = 0;
            for (int i = 0; i < window; i++) {
                double x = buffer.getShort((w * window + i) * 2) / 32768.0;
                double s0 = x + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
                e += x * x;
            }
            tone[w] = (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / (window * window / 4.0);
            energy[w] = e / window;
        }
        List<Double> onsets = new ArrayList<>();
        boolean on = false;
        for (int w = 0; w < n; w++) {
            // the tone dominates the window and is clearly audible
            boolean now = tone[w] > 0.002 && tone[w] > 0.6 * energy[w] * 2;
            if (now && !on) {
                onsets.add(w * window / 48000.0);
            }
            on = now || (on && tone[w] > 0.0005);
        }
        return onsets;
    }

    /** The time strip of frame {@code index} of a file, decoded from the full-size frame. */
    public OptionalLong timeStrip(Path file, double atSeconds, int width, int height) throws Exception {
        byte[] gray = bytes(List.of("-ss", Double.toString(atSeconds), "-i", file.toString(), "-frames:v", "1",
                "-vf", "format=gray", "-f", "rawvideo", "-"));
        return TimeStrip.decodeGray(gray, width, height);
    }

    private byte[] bytes(List<String> input) throws Exception {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-v", "error"));
        args.addAll(input);
        Ffmpeg.Result result = ffmpeg.run(args, Duration.ofMinutes(2));
        if (!result.ok()) {
            throw new IllegalStateException("ffmpeg failed: " + result.stderr());
        }
        return result.output();
    }
}
