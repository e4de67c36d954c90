package org.ketang.recorder.program;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.recorder.AgentSettings;

/**
 * The one ffmpeg run that records a part of a recording: all inputs, the {@link ProgramGraph}, one libx264 + AAC
 * encode, and a tee to the fragmented MP4 file (a fragment per one-second GOP, so a killed agent loses at most about
 * a second and leaves a playable file) and to MPEG-TS over loopback UDP, which the live push reads when live is on
 * (nobody listens otherwise; the encoder never waits for it). Plus a thumbnail JPEG, in resource mode one file per
 * source, and the small frames a watching director analyses ({@link FrameTap}).
 *
 * @param graph          the composition
 * @param videoInputs    ffmpeg input arguments per source, in the graph's role order
 * @param audioInput     ffmpeg input arguments of a separate sound input, or null
 * @param audioFromVideo index of the video input whose sound is used, or -1 (then {@code audioInput}, or silence)
 * @param settings       program settings
 * @param programFile    the part file to write
 * @param liveUdpPort    the loopback UDP port for the live copy, or 0 for none
 * @param resourceFiles  in resource mode, the file per role
 */
public record EncoderCommand(ProgramGraph graph, List<List<String>> videoInputs, @Nullable List<String> audioInput,
        int audioFromVideo, AgentSettings.Program settings, Path programFile, int liveUdpPort,
        Map<String, Path> resourceFiles) {

    public EncoderCommand {
        videoInputs = List.copyOf(videoInputs);
        resourceFiles = new LinkedHashMap<>(resourceFiles);
    }

    /** The movflags of every MP4 the agent writes: fragmented, readable while written and after a crash. */
    public static final String FRAGMENTED = "+frag_keyframe+empty_moov+default_base_moof";

    /** The ffmpeg arguments. */
    public List<String> args() {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostats", "-loglevel", "info", "-y",
                "-progress", "pipe:2", "-stats_period", "0.1"));
        List<String> videoLabels = new ArrayList<>();
        for (int i = 0; i < videoInputs.size(); i++) {
            args.addAll(videoInputs.get(i));
            videoLabels.add(i + ":v:0");
        }
        String audioLabel;
        if (audioFromVideo >= 0) {
            audioLabel = audioFromVideo + ":a:0";
        } else if (audioInput != null) {
            args.addAll(audioInput);
            audioLabel = videoInputs.size() + ":a:0";
        } else {
            args.addAll(List.of("-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"));
            audioLabel = videoInputs.size() + ":a:0";
        }
        args.add("-filter_complex");
        args.add(graph.filter(videoLabels, audioLabel));

        int fps = settings.fps();
        args.addAll(List.of("-map", "[vout]", "-map", "[aout]"));
        args.addAll(List.of("-c:v", "libx264", "-preset", settings.preset()));
        if (settings.tune() != null && !settings.tune().isBlank()) {
            args.addAll(List.of("-tune", settings.tune()));
        }
        int kbps = settings.videoKbps();
        args.addAll(List.of("-profile:v", "high", "-pix_fmt", "yuv420p", "-r", Integer.toString(fps),
                "-g", Integer.toString(fps), "-keyint_min", Integer.toString(fps), "-sc_threshold", "0",
                "-b:v", kbps + "k", "-maxrate", kbps + "k", "-bufsize", kbps + "k",
                "-flags:v", "+global_header",
                "-c:a", "aac", "-b:a", settings.audioKbps() + "k", "-ar", "48000", "-ac", "2",
                "-flags:a", "+global_header"));
        // a fragment at each keyframe and at least every half second, flushed at once: a power cut loses little
        StringBuilder tee = new StringBuilder("[f=mp4:movflags=" + FRAGMENTED + ":frag_duration=500000:flush_packets=1]"
                + programFile);
        if (liveUdpPort > 0) {
            // no mux delay: the live copy leaves as soon as it is encoded
            tee.append("|[f=mpegts:onfail=ignore:max_delay=0:flush_packets=1]udp://127.0.0.1:").append(liveUdpPort)
                    .append("?pkt_size=1316");
        }
        args.addAll(List.of("-f", "tee", tee.toString()));

        // thumbnails go to stdout as a stream of JPEGs (no disk writes); at 5 fps, because a slow output would hold
        // the others back (ffmpeg keeps its outputs within a short distance of each other)
        args.addAll(List.of("-map", "[thumb]", "-c:v", "mjpeg", "-q:v", "8", "-f", "image2pipe", "pipe:1"));

        FrameTap tap = graph.tap();
        for (int t = 0; t < graph.roles().size(); t++) {
            Integer port = tap.ports().get(graph.roles().get(t));
            if (port != null) {
                // the director reads every frame at once (it drops what it cannot analyse), so this never waits
                args.addAll(List.of("-map", "[tap" + t + "]", "-c:v", "rawvideo", "-f", "rawvideo",
                        "tcp://127.0.0.1:" + port + "?tcp_nodelay=1"));
            }
        }

        int i = 0;
        for (String role : graph.roles()) {
            Path file = resourceFiles.get(role);
            if (settings.resourceMode() && file != null) {
                args.addAll(List.of("-map", "[res" + i + "]", "-c:v", "libx264", "-preset", "ultrafast",
                        "-pix_fmt", "yuv420p", "-g", Integer.toString(fps), "-keyint_min", Integer.toString(fps),
                        "-sc_threshold", "0", "-crf", "26", "-f", "mp4", "-movflags", FRAGMENTED, file.toString()));
            }
            i++;
        }
        return args;
    }
}
