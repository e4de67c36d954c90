package org.ketang.recorder.program;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.ketang.recorder.AgentSettings;

/**
 * The ffmpeg filter graph that composes the program, built so that every {@link Layout} can be reached at run time
 * by filter commands, without restarting the encoder: each source is cropped ({@code crop@c<i>}), fitted to the
 * program size and offered to a main selector ({@code streamselect@main}) and to one selector per PiP slot
 * ({@code streamselect@p<k>}) whose window an overlay places ({@code overlay@p<k>}; off-frame when unused). The
 * sound is measured (level printed to the log), cleaned (high-pass, afftdn) and levelled (speechnorm, which needs no
 * look-ahead, so that live latency and crash loss stay low). A thumbnail branch makes small JPEGs (5 a second).
 *
 * <p>Output labels: {@code [vout]} program video, {@code [aout]} program sound, {@code [thumb]} thumbnail,
 * {@code [res<i>]} resource-mode copy of source i, {@code [tap<i>]} the director's analysis frames of source i
 * ({@link FrameTap}).
 */
public final class ProgramGraph {

    /** The log key that carries the input sound level (dBFS), printed about twice a second. */
    public static final String LEVEL_KEY = "lavfi.astats.Overall.RMS_level";
    /** The thumbnail's width. */
    public static final int THUMB_WIDTH = 320;

    private final List<String> roles;
    private final AgentSettings.Program settings;
    private final int pipSlots;
    private final int pipWidth;
    private final int pipHeight;
    private final FrameTap tap;

    /** One filter command (see {@code FfmpegProcess#command}). */
    public record Command(String target, String command, String argument) {
    }

    /**
     * @param roles    the video sources by role, in input order
     * @param settings the program settings
     */
    public ProgramGraph(List<String> roles, AgentSettings.Program settings) {
        this(roles, settings, FrameTap.NONE);
    }

    /**
     * @param roles    the video sources by role, in input order
     * @param settings the program settings
     * @param tap      the sources whose frames the director looks at, and their size
     */
    public ProgramGraph(List<String> roles, AgentSettings.Program settings, FrameTap tap) {
        this.tap = tap;
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("A program needs at least one video source");
        }
        this.roles = List.copyOf(roles);
        this.settings = settings;
        this.pipSlots = Math.min(2, roles.size() - 1);
        this.pipWidth = even(settings.width() * settings.pipScale());
        this.pipHeight = even(settings.height() * settings.pipScale());
    }

    public List<String> roles() {
        return roles;
    }

    /**
     * The {@code -filter_complex} text.
     *
     * @param videoLabels input pad per source, e.g. {@code 0:v:0}
     * @param audioLabel  the input pad of the sound, e.g. {@code 3:a:0}
     */
    public String filter(List<String> videoLabels, String audioLabel) {
        int w = settings.width();
        int h = settings.height();
        int n = roles.size();
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder chain = new StringBuilder("[" + videoLabels.get(i) + "]");
            boolean tapped = tap.ports().containsKey(roles.get(i));
            String fitted = (tapped ? "" : "fps=" + settings.fps() + ",") + "crop@c" + i + "=w=iw:h=ih:x=0:y=0,scale=" + w + ":" + h
                    + ":force_original_aspect_ratio=decrease,pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p";
            if (settings.resourceMode()) {
                chain.append("split=2[src").append(i).append("][rsrc").append(i).append("];");
                chain.append("[rsrc").append(i).append("]fps=").append(settings.fps()).append(",scale=-2:")
                        .append(settings.resourceHeight()).append(",setsar=1,format=yuv420p[res").append(i).append("];");
                chain.append("[src").append(i).append("]");
            }
            if (tapped) {
                // the director sees the frames the program is made of, small, at the program's rate
                chain.append("fps=").append(settings.fps()).append(",split=2[s").append(i).append("][t").append(i)
                        .append("];[t").append(i).append("]scale=").append(tap.width()).append(":").append(tap.height())
                        .append(",format=bgr24[tap").append(i).append("];[s").append(i).append("]");
            }
            chain.append(fitted);
            if (pipSlots == 0) {
                chain.append("[m").append(i).append("]");
            } else {
                chain.append(",split=2[m").append(i).append("][q").append(i).append("];");
                chain.append("[q").append(i).append("]scale=").append(pipWidth).append(":").append(pipHeight);
                chain.append(pipSlots == 1 ? "" : ",split=" + pipSlots);
                for (int k = 0; k < pipSlots; k++) {
                    chain.append("[p").append(i).append("_").append(k).append("]");
                }
            }
            chains.add(chain.toString());
        }
        StringBuilder main = new StringBuilder();
        for (int i = 0; i < n; i++) {
            main.append("[m").append(i).append("]");
        }
        // streamselect wants two inputs or more; one source needs no selector
        main.append(n == 1 ? "null[v0]" : "streamselect@main=inputs=" + n + ":map=0[v0]");
        chains.add(main.toString());
        for (int k = 0; k < pipSlots; k++) {
            StringBuilder pip = new StringBuilder();
            for (int i = 0; i < n; i++) {
                pip.append("[p").append(i).append("_").append(k).append("]");
            }
            pip.append("streamselect@p").append(k).append("=inputs=").append(n).append(":map=").append(Math.min(k + 1, n - 1))
                    .append("[ps").append(k).append("];");
            pip.append("[v").append(k).append("][ps").append(k).append("]overlay@p").append(k).append("=x=")
                    .append(hiddenX()).append(":y=0:eof_action=pass[v").append(k + 1).append("]");
            chains.add(pip.toString());
        }
        chains.add("[v" + pipSlots + "]split=2[vout][tsrc]");
        chains.add("[tsrc]fps=5,scale=" + THUMB_WIDTH + ":-2[thumb]");
        StringBuilder audio = new StringBuilder("[" + audioLabel + "]aresample=48000,"
                + "aformat=sample_fmts=fltp:channel_layouts=stereo,asplit=2[aproc][ameter]");
        chains.add(audio.toString());
        chains.add("[ameter]asetnsamples=n=24000:p=0,astats=metadata=1:reset=1:measure_perchannel=none"
                + ":measure_overall=RMS_level,ametadata=mode=print:key=" + LEVEL_KEY + ",anullsink");
        List<String> clean = new ArrayList<>();
        if (settings.denoise()) {
            clean.add("highpass=f=80");
            clean.add("afftdn=nr=12:nf=-45:tn=1");
        }
        if (settings.normalize()) {
            // speechnorm levels speech without look-ahead; dynaudnorm delayed every output by ~0.8 s (measured)
            clean.add("speechnorm=e=6.25:r=0.00001:l=1");
        }
        if (clean.isEmpty()) {
            clean.add("anull");
        }
        chains.add("[aproc]" + String.join(",", clean) + "[aout]");
        return String.join(";", chains);
    }

    /** The sources the director looks at. */
    public FrameTap tap() {
        return tap;
    }

    /** How many PiP windows the graph can show at once. */
    public int pipSlots() {
        return pipSlots;
    }

    /**
     * What the graph's adjustable filters are set to: the main selector, per PiP slot the selected source and window
     * position (x off-frame when hidden), per source the crop (null: whole frame).
     */
    public record State(int main, List<Integer> pipSource, List<Integer> pipX, List<Integer> pipY,
            List<Layout.Rect> crops) {

        public State {
            pipSource = List.copyOf(pipSource);
            pipX = List.copyOf(pipX);
            pipY = List.copyOf(pipY);
            crops = java.util.Collections.unmodifiableList(new ArrayList<>(crops));
        }
    }

    /** The state the graph starts in: the first source full screen, PiP windows hidden, nothing cropped. */
    public State startState() {
        List<Integer> sources = new ArrayList<>();
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int k = 0; k < pipSlots; k++) {
            sources.add(Math.min(k + 1, roles.size() - 1));
            xs.add(hiddenX());
            ys.add(0);
        }
        List<Layout.Rect> crops = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            crops.add(null);
        }
        return new State(0, sources, xs, ys, crops);
    }

    /**
     * The state that shows {@code layout}, coming from {@code current} (hidden windows keep their source and
     * height, so that showing them again costs one command). Sources the program does not have are left out.
     */
    public State next(State current, Layout layout) {
        int main = roles.contains(layout.main()) ? roles.indexOf(layout.main()) : current.main();
        List<Layout.Pip> pips = layout.pips().stream().filter(p -> roles.contains(p.source())).toList();
        List<Integer> sources = new ArrayList<>(current.pipSource());
        List<Integer> xs = new ArrayList<>(current.pipX());
        List<Integer> ys = new ArrayList<>(current.pipY());
        for (int k = 0; k < pipSlots; k++) {
            if (k < pips.size()) {
                Layout.Pip pip = pips.get(k);
                sources.set(k, roles.indexOf(pip.source()));
                xs.set(k, Math.min(settings.width() - pipWidth, (int) Math.round(pip.area().x() * settings.width())));
                ys.set(k, Math.min(settings.height() - pipHeight, (int) Math.round(pip.area().y() * settings.height())));
            } else {
                xs.set(k, hiddenX());
            }
        }
        List<Layout.Rect> crops = new ArrayList<>();
        for (String role : roles) {
            crops.add(layout.crops().get(role));
        }
        return new State(main, sources, xs, ys, crops);
    }

    /**
     * A smooth move of a crop: from frame {@code startFrame} on, over {@code frames} frames, the crop slides in a
     * straight line from where it was to where it should be (ffmpeg's crop evaluates its position per frame, so one
     * command per axis moves it smoothly however seldom commands come).
     */
    public record Glide(long startFrame, int frames) {

        public Glide {
            if (startFrame < 0 || frames < 1) {
                throw new IllegalArgumentException("A glide starts at frame 0 or later and lasts a frame or more");
            }
        }
    }

    /**
     * The filter commands from {@code from} to {@code to}, as few as possible: ffmpeg reads one interactive command
     * per progress period (0.1 s here). Crops jump.
     */
    public List<Command> commands(State from, State to) {
        return commands(from, to, null);
    }

    /**
     * Like {@link #commands(State, State)}, but a crop that keeps its size and only moves glides there
     * ({@code glide}) instead of jumping: one command per axis that moved.
     */
    public List<Command> commands(State from, State to, @Nullable Glide glide) {
        List<Command> commands = new ArrayList<>();
        if (from.main() != to.main()) {
            commands.add(new Command("streamselect@main", "map", Integer.toString(to.main())));
        }
        for (int k = 0; k < pipSlots; k++) {
            String overlay = "overlay@p" + k;
            if (!from.pipSource().get(k).equals(to.pipSource().get(k))) {
                commands.add(new Command("streamselect@p" + k, "map", Integer.toString(to.pipSource().get(k))));
            }
            if (!from.pipY().get(k).equals(to.pipY().get(k))) {
                commands.add(new Command(overlay, "y", Integer.toString(to.pipY().get(k))));
            }
            if (!from.pipX().get(k).equals(to.pipX().get(k))) {
                commands.add(new Command(overlay, "x", Integer.toString(to.pipX().get(k))));
            }
        }
        for (int i = 0; i < roles.size(); i++) {
            Layout.Rect was = from.crops().get(i);
            Layout.Rect now = to.crops().get(i);
            if (Objects.equals(was, now)) {
                continue;
            }
            String crop = "crop@c" + i;
            if (glide != null && was != null && now != null && sameSize(was, now)) {
                if (was.x() != now.x()) {
                    commands.add(new Command(crop, "x", glideExpr("iw", was.x(), now.x(), glide)));
                }
                if (was.y() != now.y()) {
                    commands.add(new Command(crop, "y", glideExpr("ih", was.y(), now.y(), glide)));
                }
                continue;
            }
            // to the corner first, so that no intermediate state lies outside the frame
            if (was != null) {
                commands.add(new Command(crop, "x", "0"));
                commands.add(new Command(crop, "y", "0"));
            }
            if (now == null) {
                commands.add(new Command(crop, "w", "iw"));
                commands.add(new Command(crop, "h", "ih"));
            } else {
                commands.add(new Command(crop, "w", expr("iw", now.width())));
                commands.add(new Command(crop, "h", expr("ih", now.height())));
                commands.add(new Command(crop, "x", expr("iw", now.x())));
                commands.add(new Command(crop, "y", expr("ih", now.y())));
            }
        }
        return commands;
    }

    private int hiddenX() {
        return settings.width() * 2;
    }

    private static String expr(String dimension, double fraction) {
        // even sizes keep yuv420p happy
        return String.format(Locale.ROOT, "trunc(%s*%.4f/2)*2", dimension, fraction);
    }

    private static boolean sameSize(Layout.Rect a, Layout.Rect b) {
        return Math.abs(a.width() - b.width()) < 5e-5 && Math.abs(a.height() - b.height()) < 5e-5;
    }

    /** {@code from} until the glide starts, then a straight line to {@code to}; crop's {@code n} is its frame number. */
    private static String glideExpr(String dimension, double from, double to, Glide glide) {
        return String.format(Locale.ROOT, "trunc(%s*(%.5f+%.5f*clip((n-%d)/%d,0,1))/2)*2", dimension, from,
                to - from, glide.startFrame(), glide.frames());
    }

    private static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }
}
