package org.ketang.vision.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where ffmpeg and ffprobe are: given on the command line, else the ones bundled in {@code org.bytedeco:ffmpeg} when
 * it is on the class path (bench/run-tracking.sh puts it there), else {@code ffmpeg}/{@code ffprobe} on the PATH.
 */
record Ffmpeg(String ffmpeg, String ffprobe, Map<String, String> environment) {

    static Ffmpeg locate(String given) {
        if (given != null) {
            Path p = Path.of(given);
            return new Ffmpeg(given, p.resolveSibling("ffprobe").toString(), Map.of());
        }
        try {
            Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader");
            Class<?> ffmpegPreset = Class.forName("org.bytedeco.ffmpeg.ffmpeg");
            Class<?> ffprobePreset = Class.forName("org.bytedeco.ffmpeg.ffprobe");
            String ffmpeg = (String) loader.getMethod("load", Class.class).invoke(null, ffmpegPreset);
            String ffprobe = (String) loader.getMethod("load", Class.class).invoke(null, ffprobePreset);
            if (ffmpeg != null && Files.isExecutable(Path.of(ffmpeg))) {
                // the bundled libraries find each other through the library path
                Map<String, String> environment = new HashMap<>();
                String dir = Path.of(ffmpeg).getParent().toString();
                String existing = System.getenv("LD_LIBRARY_PATH");
                environment.put("LD_LIBRARY_PATH", existing == null || existing.isBlank() ? dir : dir + ":" + existing);
                return new Ffmpeg(ffmpeg, ffprobe, environment);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // not bundled: use the PATH
        }
        return new Ffmpeg("ffmpeg", "ffprobe", Map.of());
    }

    ProcessBuilder command(String... args) {
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().putAll(environment);
        return builder;
    }
}
