package org.ketang.platform.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.media.MediaProbe;
import org.ketang.platform.media.ProbeResult;
import org.ketang.platform.media.ProbeResult.Playable;
import org.ketang.platform.media.ProbeResult.Reason;
import org.ketang.platform.media.ProbeResult.Unusable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link MediaProbe} with {@code ffprobe -print_format json}, followed by decoding one frame near the end: a file
 * cut short often still has a readable header (and a plausible duration), but no frames where they should be.
 */
public final class FfprobeMediaProbe implements MediaProbe {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Ffmpeg ffmpeg;

    public FfprobeMediaProbe(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    @Override
    public ProbeResult probe(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return new Unusable(Reason.NOT_MEDIA, "no such file: " + file.getFileName());
            }
            if (Files.size(file) == 0) {
                return new Unusable(Reason.EMPTY, "0 bytes");
            }
            Ffmpeg.Result probe = ffmpeg.run(Ffmpeg.Tool.FFPROBE, List.of("-v", "error", "-print_format", "json",
                    "-show_format", "-show_streams", file.toString()), TIMEOUT, null, null);
            if (!probe.ok()) {
                String error = probe.stderrTail();
                // a file that starts like a media container but cannot be read was cut short; anything else
                // (a document renamed .mp4) is not media at all
                Reason reason = looksLikeMedia(file) ? Reason.TRUNCATED : Reason.NOT_MEDIA;
                return new Unusable(reason, firstLine(error));
            }
            JsonNode root = JSON.readTree(probe.stdout());
            JsonNode format = root.path("format");
            JsonNode video = null;
            JsonNode audio = null;
            for (JsonNode stream : root.path("streams")) {
                String type = stream.path("codec_type").asString("");
                boolean picture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
                if (type.equals("video") && !picture && video == null) {
                    video = stream;
                } else if (type.equals("audio") && audio == null) {
                    audio = stream;
                }
            }
            if (video == null) {
                return audio != null ? new Unusable(Reason.NO_VIDEO, "audio only: " + audio.path("codec_name").asString("?"))
                        : new Unusable(Reason.NOT_MEDIA, "no video stream in " + format.path("format_name").asString("?"));
            }
            String codec = video.path("codec_name").asString("");
            int width = video.path("width").asInt(0);
            int height = video.path("height").asInt(0);
            if (codec.isEmpty() || codec.equals("none") || codec.equals("unknown")) {
                return new Unusable(Reason.UNSUPPORTED_CODEC,
                        "unknown video codec (tag " + video.path("codec_tag_string").asString("?") + ")");
            }
            if (width <= 0 || height <= 0) {
                return new Unusable(Reason.TRUNCATED, "video stream without a picture size (" + codec + ")");
            }
            double duration = number(format.path("duration"), number(video.path("duration"), 0));
            if (duration <= 0) {
                return new Unusable(Reason.TRUNCATED, "no duration");
            }
            Unusable undecodable = decodeNearTheEnd(file, duration, codec);
            if (undecodable != null) {
                return undecodable;
            }
            return new Playable(duration, format.path("format_name").asString(""), codec, width, height,
                    rate(video.path("avg_frame_rate").asString(""), rate(video.path("r_frame_rate").asString(""), 0)),
                    audio == null ? null : audio.path("codec_name").asString("unknown"),
                    audio == null ? 0 : audio.path("channels").asInt(0));
        } catch (IOException e) {
            return new Unusable(Reason.NOT_MEDIA, "could not read the file: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + file, e);
        } catch (RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("FFmpeg is not usable")) {
                throw e;
            }
            return new Unusable(Reason.NOT_MEDIA, "unreadable probe output: " + e.getMessage());
        }
    }

    /** Decodes one video frame at about 90 % of the duration; none means the file is cut short or undecodable. */
    private @Nullable Unusable decodeNearTheEnd(Path file, double duration, String codec)
            throws IOException, InterruptedException {
        String at = String.format(Locale.ROOT, "%.3f", Math.max(0, duration * 0.9 - 0.5));
        Ffmpeg.Result decode = ffmpeg.run(Ffmpeg.Tool.FFMPEG, List.of("-hide_banner", "-nostdin", "-v", "error",
                "-ss", at, "-i", file.toString(), "-map", "0:v:0", "-frames:v", "1", "-f", "framemd5", "-"),
                TIMEOUT, null, null);
        boolean frame = decode.stdout().lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"));
        if (decode.ok() && frame) {
            return null;
        }
        String error = decode.stderrTail();
        if (error.contains("Decoder") && error.contains("not found") || error.contains("Unsupported codec")) {
            return new Unusable(Reason.UNSUPPORTED_CODEC, "no decoder for " + codec);
        }
        return new Unusable(Reason.TRUNCATED, "no picture can be decoded near the end ("
                + (error.isEmpty() ? "no frame" : firstLine(error)) + ")");
    }

    private static boolean looksLikeMedia(Path file) throws IOException {
        byte[] head = new byte[12];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n < 8) {
            return false;
        }
        String ascii = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        return ascii.startsWith("ftyp", 4) || ascii.startsWith("moov", 4) || ascii.startsWith("mdat", 4)
                || ascii.startsWith("RIFF") || ascii.startsWith("FLV") || ascii.startsWith("OggS")
                || (head[0] == 0x1A && head[1] == 0x45 && head[2] == (byte) 0xDF && head[3] == (byte) 0xA3)
                || (head[0] == 0 && head[1] == 0 && head[2] == 1 && (head[3] & 0xFF) == 0xBA);
    }

    private static double number(JsonNode node, double fallback) {
        try {
            return node.isMissingNode() || node.isNull() ? fallback : Double.parseDouble(node.asString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double rate(String fraction, double fallback) {
        String[] parts = fraction.split("/");
        try {
            if (parts.length == 2 && Double.parseDouble(parts[1]) != 0) {
                return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        return fallback;
    }

    private static String firstLine(String text) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("ffprobe failed");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
