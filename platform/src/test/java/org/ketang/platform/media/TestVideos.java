package org.ketang.platform.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

import org.ketang.platform.media.internal.Ffmpeg;

/** Small generated test media, made once per test JVM with the same ffmpeg the platform uses. */
public final class TestVideos {

    public static final Ffmpeg FFMPEG = new Ffmpeg(null, null);
    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();
    private static Path dir;

    private TestVideos() {
    }

    /** An H.264 + AAC mp4 of {@code seconds} with a moving test picture and a tone. */
    public static Path clip(int width, int height, int seconds) {
        return make("clip-" + width + "x" + height + "-" + seconds + ".mp4", out -> List.of("-f", "lavfi", "-i",
                "testsrc2=size=" + width + "x" + height + ":rate=25:duration=" + seconds, "-f", "lavfi", "-i",
                "sine=frequency=440:duration=" + seconds, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt",
                "yuv420p", "-c:a", "aac", "-shortest", out.toString()));
    }

    /** Sound only, in an mp4 container. */
    public static Path audioOnly() {
        return make("audio-only.mp4", out -> List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a",
                "aac", out.toString()));
    }

    /** Video whose codec nobody knows: an AVI whose four-character code is patched to the made-up QQQQ. */
    public static Path unknownCodec() throws IOException {
        Path xvid = make("xvid.avi", out -> List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                "-c:v", "mpeg4", "-vtag", "XVID", out.toString()));
        String avi = new String(Files.readAllBytes(xvid), java.nio.charset.StandardCharsets.ISO_8859_1);
        return Files.write(dir().resolve("unknown-codec.avi"), avi.replace("XVID", "QQQQ").replace("FMP4", "QQQQ")
                .replace("xvid", "QQQQ").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** A good clip cut in half. */
    public static Path truncated() throws IOException {
        Path good = clip(640, 360, 4);
        Path cut = dir().resolve("truncated.mp4");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        return cut;
    }

    public static Path textRenamedMp4() throws IOException {
        return Files.writeString(dir().resolve("notes.mp4"), "这是一份教案，不是视频。\nLesson plan, not a video.\n");
    }

    public static Path empty() throws IOException {
        Path file = dir().resolve("empty.mp4");
        Files.write(file, new byte[0]);
        return file;
    }

    private interface Args {
        List<String> of(Path out);
    }

    private static synchronized Path make(String name, Args args) {
        return MADE.computeIfAbsent(name, n -> {
            try {
                Path out = dir().resolve(n);
                List<String> all = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-y", "-v", "error"));
                all.addAll(args.of(out));
                Ffmpeg.Result result = FFMPEG.run(Ffmpeg.Tool.FFMPEG, all, Duration.ofMinutes(2), null, null);
                if (!result.ok()) {
                    throw new IllegalStateException("could not make " + n + ": " + result.stderrTail());
                }
                return out;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("ketang-test-videos");
        }
        return dir;
    }
}
