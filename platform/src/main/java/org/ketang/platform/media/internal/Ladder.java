package org.ketang.platform.media.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The HLS ladder as data: which renditions a source gets (from 1080p, 720p, 480p, 360p up to the source, never
 * upscaled, always at least one), the ffmpeg arguments of one rendition, and the master playlist.
 */
public final class Ladder {

    /** One rendition. {@code size} is the short side (the height of landscape video), as in "720p". */
    public record Rung(int size, int width, int height, int videoKbps, int maxKbps, int audioKbps, String level,
            String avcCodec) {

        public String name() {
            return size + "p";
        }

        /** Peak bits per second for {@code BANDWIDTH}, with ~10 % container overhead. */
        int bandwidth(boolean audio) {
            return (int) ((maxKbps + (audio ? audioKbps : 0)) * 1100L);
        }

        int averageBandwidth(boolean audio) {
            return (int) ((videoKbps + (audio ? audioKbps : 0)) * 1100L);
        }
    }

    private static final int[][] RUNGS = { // size, video kbps, max kbps, audio kbps, level*10
            { 1080, 5000, 5350, 128, 40 }, { 720, 2800, 3000, 128, 31 }, { 480, 1400, 1500, 96, 30 },
            { 360, 800, 856, 96, 30 } };

    private Ladder() {
    }

    /** The renditions for a source of {@code width}×{@code height}, lowest first. */
    public static List<Rung> plan(int width, int height) {
        int shortSide = Math.min(width, height);
        List<Rung> rungs = new ArrayList<>();
        for (int[] r : RUNGS) {
            if (r[0] <= shortSide) {
                rungs.add(rung(r[0], width, height, r[1], r[2], r[3], r[4]));
            }
        }
        if (rungs.isEmpty()) {
            int size = Math.max(2, shortSide / 2 * 2);
            int kbps = Math.max(200, 800 * size / 360);
            rungs.add(rung(size, width, height, kbps, kbps * 107 / 100, 96, 30));
        }
        rungs.sort(Comparator.comparingInt(Rung::size));
        return rungs;
    }

    private static Rung rung(int size, int width, int height, int kbps, int maxKbps, int audioKbps, int level) {
        boolean landscape = width >= height;
        int longSide = even((double) Math.max(width, height) * size / Math.min(width, height));
        int w = landscape ? longSide : size;
        int h = landscape ? size : longSide;
        String levelText = level / 10 + "." + level % 10;
        return new Rung(size, w, h, kbps, maxKbps, audioKbps, levelText,
                String.format(Locale.ROOT, "avc1.6400%02x", level));
    }

    private static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }

    /**
     * ffmpeg arguments that transcode {@code source} into one fMP4 HLS rendition in {@code dir}
     * ({@code index.m3u8}, {@code init.mp4}, {@code seg_00000.m4s}…), reporting progress on stdout.
     */
    public static List<String> ffmpegArgs(Path source, Path dir, Rung rung, boolean audio, int segmentSeconds) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-y", "-v", "error", "-progress",
                "pipe:1", "-nostats", "-i", source.toString(), "-map", "0:v:0"));
        if (audio) {
            args.addAll(List.of("-map", "0:a:0"));
        }
        args.addAll(List.of("-vf", "scale=" + rung.width() + ":" + rung.height() + ",format=yuv420p", "-c:v", "libx264",
                "-preset", "veryfast", "-profile:v", "high", "-level:v", rung.level(), "-b:v", rung.videoKbps() + "k",
                "-maxrate", rung.maxKbps() + "k", "-bufsize", 2 * rung.maxKbps() + "k",
                // a key frame at every segment boundary, so that every segment starts cleanly
                "-force_key_frames", "expr:gte(t,n_forced*" + segmentSeconds + ")", "-sc_threshold", "0"));
        if (audio) {
            args.addAll(List.of("-c:a", "aac", "-b:a", rung.audioKbps() + "k", "-ac", "2", "-ar", "48000"));
        }
        args.addAll(List.of("-f", "hls", "-hls_time", String.valueOf(segmentSeconds), "-hls_playlist_type", "vod",
                "-hls_segment_type", "fmp4", "-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename",
                dir.resolve("seg_%05d.m4s").toString(), dir.resolve("index.m3u8").toString()));
        return args;
    }

    /** The master playlist listing {@code ready} renditions (relative URLs, so a token in the path carries over). */
    public static String masterPlaylist(List<Rung> ready, boolean audio, double fps) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        ready.stream().sorted(Comparator.comparingInt(Rung::size)).forEach(rung -> {
            m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(rung.bandwidth(audio))
                    .append(",AVERAGE-BANDWIDTH=").append(rung.averageBandwidth(audio))
                    .append(",RESOLUTION=").append(rung.width()).append('x').append(rung.height())
                    .append(",CODECS=\"").append(rung.avcCodec()).append(audio ? ",mp4a.40.2" : "").append('"');
            if (fps > 0) {
                m3u8.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", fps));
            }
            m3u8.append('\n').append(rung.name()).append("/index.m3u8\n");
        });
        return m3u8.toString();
    }
}
