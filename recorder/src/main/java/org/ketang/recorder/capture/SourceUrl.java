package org.ketang.recorder.capture;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A configured input, by URL: {@code rtsp://…}, {@code v4l2:///dev/video0}, {@code x11grab::0.0},
 * {@code alsa:default}, {@code pulse:default}, {@code file:/path.mp4} (looped), {@code synthetic:classroom}
 * (also {@code synthetic:students}, {@code synthetic:courseware}, {@code synthetic:lecture}) and {@code lavfi:<filtergraph>} (generated,
 * paced to real time). Device URLs take ffmpeg options as a query: {@code v4l2:///dev/video0?size=1280x720&fps=25&format=mjpeg},
 * {@code x11grab::0.0?size=1920x1080&fps=15}.
 *
 * @param kind    what sort of input
 * @param url     the URL as configured
 * @param target  what ffmpeg opens (device, path, URL or graph)
 * @param options the query options
 */
public record SourceUrl(Kind kind, String url, String target, Map<String, String> options) {

    /** Sorts of inputs. */
    public enum Kind {
        RTSP, V4L2, X11GRAB, ALSA, PULSE, FILE, SYNTHETIC, LAVFI;

        /** Whether the input is a microphone only. */
        public boolean audioOnly() {
            return this == ALSA || this == PULSE;
        }
    }

    /** The synthetic scenes. */
    public static final List<String> SYNTHETIC_SCENES = List.of("classroom", "students", "courseware", "lecture");

    public SourceUrl {
        options = Map.copyOf(options);
    }

    /**
     * Parses a source URL.
     *
     * @throws IllegalArgumentException for an unknown scheme or a malformed URL
     */
    public static SourceUrl parse(String url) {
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return new SourceUrl(Kind.RTSP, u, u, Map.of());
        }
        if (lower.startsWith("lavfi:")) {
            return new SourceUrl(Kind.LAVFI, u, nonEmpty(u.substring(6), u), Map.of());
        }
        int q = u.indexOf('?');
        String base = q < 0 ? u : u.substring(0, q);
        Map<String, String> options = q < 0 ? Map.of() : query(u.substring(q + 1));
        String lowerBase = base.toLowerCase(Locale.ROOT);
        if (lowerBase.startsWith("v4l2://")) {
            return new SourceUrl(Kind.V4L2, u, nonEmpty(base.substring(7), u), options);
        }
        if (lowerBase.startsWith("x11grab:")) {
            return new SourceUrl(Kind.X11GRAB, u, nonEmpty(base.substring(8), u), options);
        }
        if (lowerBase.startsWith("alsa:")) {
            return new SourceUrl(Kind.ALSA, u, nonEmpty(base.substring(5), u), options);
        }
        if (lowerBase.startsWith("pulse:")) {
            return new SourceUrl(Kind.PULSE, u, nonEmpty(base.substring(6), u), options);
        }
        if (lowerBase.startsWith("file:")) {
            String path = base.substring(5);
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            return new SourceUrl(Kind.FILE, u, nonEmpty(path, u), options);
        }
        if (lowerBase.startsWith("synthetic:")) {
            String scene = base.substring(10).toLowerCase(Locale.ROOT);
            if (!SYNTHETIC_SCENES.contains(scene)) {
                throw new IllegalArgumentException("Unknown synthetic scene '" + scene + "' in " + url
                        + " (known: " + SYNTHETIC_SCENES + ")");
            }
            return new SourceUrl(Kind.SYNTHETIC, u, scene, options);
        }
        throw new IllegalArgumentException("Unknown source URL " + url
                + " (rtsp://, v4l2://, x11grab:, alsa:, pulse:, file:, synthetic:, lavfi:)");
    }

    /** The URL without any password, as heartbeats and pages show it. */
    public String redacted() {
        if (kind != Kind.RTSP) {
            return url;
        }
        int scheme = url.indexOf("://") + 3;
        int at = url.indexOf('@', scheme);
        int slash = url.indexOf('/', scheme);
        if (at < 0 || (slash >= 0 && at > slash)) {
            return url;
        }
        String userInfo = url.substring(scheme, at);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? url : url.substring(0, scheme) + userInfo.substring(0, colon) + url.substring(at);
    }

    /**
     * The ffmpeg arguments that open this input ({@code … -i target}); not for {@link Kind#SYNTHETIC}, whose frames
     * the agent renders itself and sends over a local socket.
     */
    public List<String> ffmpegInput() {
        List<String> args = new ArrayList<>();
        switch (kind) {
            case RTSP -> args.addAll(List.of("-rtsp_transport", options.getOrDefault("transport", "tcp"),
                    "-timeout", "5000000", "-thread_queue_size", "512"));
            case V4L2 -> {
                args.addAll(List.of("-f", "v4l2", "-thread_queue_size", "512"));
                option(args, "format", "-input_format");
                option(args, "fps", "-framerate");
                option(args, "size", "-video_size");
            }
            case X11GRAB -> {
                args.addAll(List.of("-f", "x11grab", "-thread_queue_size", "512", "-framerate",
                        options.getOrDefault("fps", "25")));
                option(args, "size", "-video_size");
            }
            case ALSA -> args.addAll(List.of("-f", "alsa", "-thread_queue_size", "2048"));
            case PULSE -> args.addAll(List.of("-f", "pulse", "-thread_queue_size", "2048"));
            case FILE -> args.addAll(List.of("-stream_loop", "-1", "-re", "-thread_queue_size", "512"));
            case LAVFI -> args.addAll(List.of("-re", "-f", "lavfi", "-thread_queue_size", "512"));
            case SYNTHETIC -> throw new IllegalStateException("Synthetic sources are fed by the agent");
            default -> throw new IllegalStateException(kind.name());
        }
        args.add("-i");
        args.add(target);
        return args;
    }

    private void option(List<String> args, String name, String flag) {
        String value = options.get(name);
        if (value != null && !value.isBlank()) {
            args.add(flag);
            args.add(value);
        }
    }

    private static String nonEmpty(String value, String url) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("Nothing after the scheme in " + url);
        }
        return value;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            options.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return options;
    }
}
