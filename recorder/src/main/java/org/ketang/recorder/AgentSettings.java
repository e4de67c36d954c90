package org.ketang.recorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.vision.ClassroomSettings;
import org.ketang.vision.Region;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything an agent can be configured with, in {@code <data>/agent.json} (any subset; the rest keeps the
 * defaults below) and by the platform's APPLY_CONFIG profile, which is merged over the file field by field.
 *
 * @param sources   the inputs by role (URLs, see recorder/README.md)
 * @param program   the composed 1080p program and its encoding
 * @param synthetic the built-in synthetic classroom
 * @param storage   the recording library's quota
 * @param upload    bandwidth and time window of uploads
 * @param live      the HLS live push
 * @param localPage the one-click page on the box
 * @param os        the commands that reboot and shut the box down
 * @param ffmpeg    a system ffmpeg/ffprobe instead of the bundled one
 * @param tracking  automatic tracking and directing (org.ketang.vision), per classroom
 */
public record AgentSettings(Sources sources, Program program, Synthetic synthetic, Storage storage, Upload upload,
        Live live, LocalPage localPage, Os os, Ffmpeg ffmpeg, Tracking tracking) {

    /**
     * Source URLs by role; null or blank means "not connected".
     *
     * @param teacher    the teacher camera, e.g. {@code rtsp://cam1/stream}, {@code v4l2:///dev/video0}
     * @param student    the student camera
     * @param courseware the courseware screen, e.g. {@code x11grab::0.0}
     * @param audio      the microphone, e.g. {@code alsa:default}, {@code pulse:default}, or a video URL above
     *                   (its sound is used)
     */
    public record Sources(@Nullable String teacher, @Nullable String student, @Nullable String courseware,
            @Nullable String audio) {
    }

    /**
     * The program (电影模式) and its encoding.
     *
     * @param width            program width (1920)
     * @param height           program height (1080)
     * @param fps              frames per second (25)
     * @param videoKbps        H.264 bit rate
     * @param audioKbps        AAC bit rate
     * @param preset           libx264 preset (veryfast)
     * @param tune             libx264 tune, e.g. {@code zerolatency} (no look-ahead: lower live latency), or blank
     * @param pipScale         picture-in-picture width as a fraction of the program width
     * @param denoise          audio noise reduction (afftdn)
     * @param normalize        audio loudness normalisation (speechnorm: no look-ahead, so no added delay)
     * @param resourceMode     资源模式: also record each video source as its own file
     * @param resourceHeight   height of those files (720)
     * @param director         rules of the built-in director
     */
    public record Program(int width, int height, int fps, int videoKbps, int audioKbps, String preset,
            @Nullable String tune, double pipScale, boolean denoise, boolean normalize, boolean resourceMode,
            int resourceHeight, DirectorRules director) {
    }

    /**
     * Rules of the built-in director: the teacher full screen, interrupted on a cycle.
     *
     * @param coursewareEverySeconds show the courseware full screen (teacher in PiP) every so many seconds; 0 never
     * @param coursewareSeconds      for so long
     * @param studentEverySeconds    show the students full screen every so many seconds; 0 never
     * @param studentSeconds         for so long
     * @param coursewarePip          while the teacher is full screen, show the courseware as PiP
     */
    public record DirectorRules(int coursewareEverySeconds, int coursewareSeconds, int studentEverySeconds,
            int studentSeconds, boolean coursewarePip) {
    }

    /**
     * The synthetic classroom source.
     *
     * @param width            rendering width (the program scales it up)
     * @param height           rendering height
     * @param markEverySeconds a flash and a beep at the same instant every so many seconds (A/V sync marks); 0 none
     */
    public record Synthetic(int width, int height, int markEverySeconds) {
    }

    /**
     * The recording library's quota.
     *
     * @param minFreePercent     keep at least this much of the volume free
     * @param maxBytes           keep the library below this size; 0 no limit
     * @param emergencyFreeBytes a running recording is stopped cleanly below this much free space
     */
    public record Storage(int minFreePercent, long maxBytes, long emergencyFreeBytes) {
    }

    /**
     * Uploads to the platform.
     *
     * @param bandwidthBytesPerSecond at most this many bytes per second; 0 no limit
     * @param window                  only between these local times, e.g. {@code 17:00-07:00}; blank any time
     */
    public record Upload(long bandwidthBytesPerSecond, @Nullable String window) {
    }

    /**
     * The HLS live push.
     *
     * @param segmentSeconds segment length
     * @param playlistSize   segments in the playlist
     * @param segmentType    {@code fmp4} ({@code init.mp4} + {@code seg<n>.m4s}) or {@code mpegts} ({@code seg<n>.ts})
     */
    public record Live(int segmentSeconds, int playlistSize, String segmentType) {
    }

    /**
     * The local one-click page.
     *
     * @param bind address to listen on (127.0.0.1: only the box itself)
     * @param port port; 0 any free port
     */
    public record LocalPage(String bind, int port) {
    }

    /**
     * OS commands (argument lists, run without a shell).
     *
     * @param reboot   e.g. {@code ["systemctl", "reboot"]}
     * @param shutdown e.g. {@code ["systemctl", "poweroff"]}
     */
    public record Os(List<String> reboot, List<String> shutdown) {
    }

    /**
     * FFmpeg binaries.
     *
     * @param ffmpegPath  a system ffmpeg, or blank for the bundled one
     * @param ffprobePath a system ffprobe, or blank for the one next to ffmpeg
     */
    public record Ffmpeg(@Nullable String ffmpegPath, @Nullable String ffprobePath) {
    }

    /**
     * Automatic tracking and directing (智能跟踪): when on, the program is directed by what the cameras see instead of
     * by {@link DirectorRules} — the teacher followed by a virtual camera in the wide teacher view, a cut to a student
     * who stands up, the courseware when a slide changes. The platform sends these per classroom in the
     * {@code tracking} section of its config profile.
     *
     * @param enabled          on or off (off: the built-in rule director)
     * @param teachingArea     the podium area of the teacher camera where the presenter is looked for (fractions)
     * @param sensitivity      0..1, how small a change counts (0.5 suits most rooms)
     * @param zoom             1..8, the virtual camera's crop is the teacher view's height divided by this
     * @param followStudents   cut to a student who stands up (needs a student camera)
     * @param studentArea      the seats in the student camera (fractions)
     * @param followCourseware show the courseware when it changes (needs a courseware source)
     * @param analysisWidth    width of the frames analysed (16:9; 640 → 640×360): analysis cost grows with its square
     */
    public record Tracking(boolean enabled, Region teachingArea, double sensitivity, double zoom,
            boolean followStudents, Region studentArea, boolean followCourseware, int analysisWidth) {

        /** These settings as the vision module's per-classroom settings. */
        public ClassroomSettings classroom() {
            return new ClassroomSettings(enabled, teachingArea, sensitivity, zoom, followStudents, studentArea,
                    followCourseware);
        }

        /** Height of the analysed frames (16:9, even). */
        public int analysisHeight() {
            return analysisWidth * 9 / 16 / 2 * 2;
        }
    }

    /** The settings of a box that was given nothing: the synthetic classroom, 1080p25, keep 10 % free. */
    public static AgentSettings defaults() {
        return new AgentSettings(
                new Sources("synthetic:classroom", null, null, "synthetic:classroom"),
                new Program(1920, 1080, 25, 4000, 128, "veryfast", "zerolatency", 0.3, true, true, false, 720,
                        new DirectorRules(0, 20, 0, 10, false)),
                new Synthetic(640, 360, 5),
                new Storage(10, 0, 512L * 1024 * 1024),
                new Upload(0, null),
                new Live(1, 6, "fmp4"),
                new LocalPage("127.0.0.1", 8091),
                new Os(List.of("systemctl", "reboot"), List.of("systemctl", "poweroff")),
                new Ffmpeg(null, null),
                new Tracking(false, Region.WHOLE, 0.5, 2.0, true, Region.WHOLE, true, 640));
    }

    /** The defaults with {@code file} merged over them; only the defaults when the file does not exist. */
    public static AgentSettings load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return defaults();
        }
        return defaults().merge(AgentJson.MAPPER.readTree(Files.readAllBytes(file)));
    }

    /**
     * These settings with {@code overrides} (a JSON object of any subset) merged over them field by field.
     *
     * @throws IllegalArgumentException when the result is not valid settings
     */
    public AgentSettings merge(JsonNode overrides) {
        if (!overrides.isObject()) {
            throw new IllegalArgumentException("Settings must be a JSON object");
        }
        ObjectNode tree = AgentJson.MAPPER.valueToTree(this);
        deepMerge(tree, (ObjectNode) overrides);
        AgentSettings merged;
        try {
            merged = AgentJson.MAPPER.treeToValue(tree, AgentSettings.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid settings: " + e.getMessage(), e);
        }
        merged.validate();
        return merged;
    }

    /** The configured source URLs by role, without the blank ones, in the order teacher, student, courseware. */
    public Map<String, String> videoSources() {
        Map<String, String> roles = new java.util.LinkedHashMap<>();
        put(roles, "teacher", sources.teacher());
        put(roles, "student", sources.student());
        put(roles, "courseware", sources.courseware());
        return roles;
    }

    private static void put(Map<String, String> roles, String role, @Nullable String url) {
        if (url != null && !url.isBlank()) {
            roles.put(role, url.trim());
        }
    }

    private void validate() {
        if (program.width() < 64 || program.height() < 64 || program.width() % 2 != 0 || program.height() % 2 != 0) {
            throw new IllegalArgumentException("program width and height must be even and at least 64");
        }
        if (program.fps() < 1 || program.fps() > 60) {
            throw new IllegalArgumentException("program fps must be 1–60");
        }
        if (program.pipScale() <= 0 || program.pipScale() >= 1) {
            throw new IllegalArgumentException("program pipScale must be between 0 and 1");
        }
        if (storage.minFreePercent() < 0 || storage.minFreePercent() > 90) {
            throw new IllegalArgumentException("storage minFreePercent must be 0–90");
        }
        if (live.segmentSeconds() < 1 || live.playlistSize() < 2) {
            throw new IllegalArgumentException("live segmentSeconds ≥ 1 and playlistSize ≥ 2");
        }
        if (!"fmp4".equals(live.segmentType()) && !"mpegts".equals(live.segmentType())) {
            throw new IllegalArgumentException("live segmentType is fmp4 or mpegts");
        }
        if (synthetic.width() % 80 != 0 || synthetic.height() < 90) {
            throw new IllegalArgumentException("synthetic width must be a multiple of 80 (the time strip's grid)");
        }
        if (tracking.analysisWidth() < 160 || tracking.analysisWidth() > 1920 || tracking.analysisWidth() % 16 != 0) {
            throw new IllegalArgumentException("tracking analysisWidth must be a multiple of 16 in 160–1920");
        }
        tracking.classroom(); // checks sensitivity and zoom
        if (videoSources().isEmpty()) {
            throw new IllegalArgumentException("at least one video source is needed");
        }
        org.ketang.recorder.upload.UploadWindow.parse(upload.window());
        for (String url : videoSources().values()) {
            org.ketang.recorder.capture.SourceUrl.parse(url);
        }
        if (sources.audio() != null && !sources.audio().isBlank()) {
            org.ketang.recorder.capture.SourceUrl.parse(sources.audio());
        }
    }

    private static void deepMerge(ObjectNode target, ObjectNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                deepMerge((ObjectNode) existing, (ObjectNode) field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }
}
