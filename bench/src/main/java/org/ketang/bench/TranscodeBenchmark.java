package org.ketang.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ladder transcode wall time: the platform's pipeline code (probe, plan, ffmpeg child processes with progress
 * parsing) against the very same ffmpeg commands run directly, on a generated 1080p25 clip. Target: ≤ 1.05×.
 * Run with {@code bench/run-transcode.sh [seconds]}; the platform's classes must be on the class path.
 */
public final class TranscodeBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("ketang-bench-transcode");
        try {
            Class<?> ffmpegType = Class.forName("org.ketang.platform.media.internal.Ffmpeg");
            Object ffmpeg = ffmpegType.getConstructor(String.class, String.class).newInstance(null, null);
            Path binary = (Path) ffmpegType.getMethod("ffmpegBinary").invoke(ffmpeg);
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) ffmpegType.getMethod("environment").invoke(ffmpeg);

            Path source = dir.resolve("source-1080p25.mp4");
            long t0 = System.nanoTime();
            run(binary, env, List.of("-hide_banner", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=1920x1080:rate=25:duration=" + seconds, "-f", "lavfi", "-i",
                    "sine=frequency=440:duration=" + seconds, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18",
                    "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", source.toString()));
            System.out.printf(Locale.ROOT, "generated %d s 1080p25 clip in %.1f s (%d MB)%n", seconds, secs(t0),
                    Files.size(source) >> 20);

            Method ladder = Class.forName("org.ketang.platform.media.internal.TranscodeRun").getMethod("ladder",
                    ffmpegType, Path.class, Path.class, int.class);
            Path platformOut = Files.createDirectories(dir.resolve("platform"));
            long t1 = System.nanoTime();
            @SuppressWarnings("unchecked")
            List<List<String>> commands = (List<List<String>>) ladder.invoke(null, ffmpeg, source, platformOut, 4);
            double platform = secs(t1);

            Path directOut = Files.createDirectories(dir.resolve("direct"));
            long t2 = System.nanoTime();
            for (List<String> command : commands) {
                List<String> mine = new ArrayList<>();
                for (String arg : command) {
                    mine.add(arg.replace(platformOut.toString(), directOut.toString()));
                }
                Files.createDirectories(Path.of(mine.get(mine.size() - 1)).getParent());
                run(binary, env, mine);
            }
            double direct = secs(t2);

            System.out.println();
            System.out.println("| ladder of a " + seconds + " s 1080p25 clip (" + commands.size()
                    + " renditions, one ffmpeg run each, libx264 veryfast) | wall time | × realtime | vs direct |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| ffmpeg commands run directly | %.1f s | %.2f× | 1.00 |%n", direct,
                    seconds / direct);
            System.out.printf(Locale.ROOT, "| platform pipeline (TranscodeRun) | %.1f s | %.2f× | %.3f |%n", platform,
                    seconds / platform, platform / direct);
            System.out.printf(Locale.ROOT, "%ntarget ≤ 1.05× direct: %s%n", platform / direct <= 1.05 ? "met" : "MISSED");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path binary, Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("ffmpeg exited with " + exit + ": " + command);
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
