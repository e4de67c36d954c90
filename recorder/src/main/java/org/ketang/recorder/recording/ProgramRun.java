package org.ketang.recorder.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.ketang.recorder.AgentSettings;
import org.ketang.recorder.capture.SourceUrl;
import org.ketang.recorder.capture.SyncMarks;
import org.ketang.recorder.capture.SyntheticClassroom;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.ffmpeg.FfmpegProcess;
import org.ketang.recorder.program.Director;
import org.ketang.recorder.program.EncoderCommand;
import org.ketang.recorder.program.FrameTap;
import org.ketang.recorder.program.Layout;
import org.ketang.recorder.program.ProgramContext;
import org.ketang.recorder.program.ProgramGraph;

/**
 * One encoder run, writing one part file of a recording: opens the inputs (sources that failed recently are
 * replaced by a dark slate or silence, so that one broken camera does not stop the lesson), starts ffmpeg, and
 * applies the director's layouts while it runs.
 */
final class ProgramRun implements AutoCloseable {

    private static final System.Logger log = System.getLogger(ProgramRun.class.getName());
    private static final Pattern INPUT = Pattern.compile("\\[in#(\\d+)");
    private static final Pattern LEVEL = Pattern.compile(Pattern.quote(ProgramGraph.LEVEL_KEY) + "=(-?[0-9.]+|-inf)");
    private static final Duration DIRECTOR_PERIOD = Duration.ofMillis(200);

    private final FfmpegProcess process;
    private final @Nullable SyntheticClassroom synthetic;
    private final ProgramGraph graph;
    private final List<String> inputRoles;
    private final Thread directorThread;
    private final Director director;
    private final ProgramContext context;
    private final Thumbnails thumbnails = new Thumbnails();
    private volatile @Nullable Double audioLevel;
    private volatile boolean closing;

    /**
     * @param roles        video roles of the program, in order, with their URLs
     * @param audio        the sound URL, or null for silence
     * @param slated       roles (or {@code audio}) to replace by a slate/silence in this run
     * @param cut          receives each layout change (for the recording's cut log)
     */
    ProgramRun(Ffmpeg ffmpeg, AgentSettings settings, Map<String, String> roles, @Nullable String audio,
            Set<String> slated, Path partFile, Map<String, Path> resourceFiles, int liveUdpPort, Director director, Instant recordingStart, Clock clock, Consumer<Layout> cut) throws IOException {
        AgentSettings.Program program = settings.program();
        List<String> roleList = new ArrayList<>(roles.keySet());
        this.director = director;
        this.context = new ProgramContext(roleList, recordingStart, program.pipScale(), program.fps(),
                partFile.getParent());
        FrameTap tap;
        try {
            tap = director.frames(context);
        } catch (IOException | RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "The director cannot watch the sources; it directs blind: " + e);
            tap = FrameTap.NONE;
        }
        this.graph = new ProgramGraph(roleList, program, tap);
        SyntheticClassroom room = null;
        List<List<String>> videoInputs = new ArrayList<>();
        List<String> inputRoles = new ArrayList<>();
        int fps = program.fps();
        for (Map.Entry<String, String> role : roles.entrySet()) {
            SourceUrl url = SourceUrl.parse(role.getValue());
            if (slated.contains(role.getKey())) {
                videoInputs.add(slate(program));
            } else if (url.kind() == SourceUrl.Kind.SYNTHETIC) {
                if (room == null) {
                    room = syntheticRoom(settings, clock);
                }
                videoInputs.add(room.videoInput(url.target()));
            } else {
                videoInputs.add(url.ffmpegInput());
            }
            inputRoles.add(role.getKey());
        }
        List<String> audioInput = null;
        int audioFromVideo = -1;
        if (audio != null && !slated.contains("audio")) {
            SourceUrl url = SourceUrl.parse(audio);
            int same = new ArrayList<>(roles.values()).indexOf(audio);
            if (url.kind() == SourceUrl.Kind.SYNTHETIC) {
                if (room == null) {
                    room = syntheticRoom(settings, clock);
                }
                audioInput = room.audioInput();
                inputRoles.add("audio");
            } else if (same >= 0 && !slated.contains(roleList.get(same))) {
                audioFromVideo = same;
            } else {
                audioInput = url.ffmpegInput();
                inputRoles.add("audio");
            }
        }
        if (audioInput == null && audioFromVideo < 0) {
            inputRoles.add("audio");
        }
        this.synthetic = room;
        this.inputRoles = List.copyOf(inputRoles);
        EncoderCommand command = new EncoderCommand(graph, videoInputs, audioInput, audioFromVideo, program, partFile,
                liveUdpPort, resourceFiles);
        try {
            this.process = ffmpeg.start("encoder", command.args(), thumbnails);
        } catch (IOException | RuntimeException e) {
            if (room != null) {
                room.close();
            }
            director.finish();
            throw e;
        }
        process.onStderr(line -> {
            Matcher m = LEVEL.matcher(line);
            if (m.find()) {
                audioLevel = m.group(1).equals("-inf") ? -120.0 : Double.parseDouble(m.group(1));
            }
        });
        this.directorThread = new Thread(() -> direct(director, context, clock, cut), "director");
        directorThread.setDaemon(true);
        directorThread.start();
        log.log(System.Logger.Level.DEBUG, () -> "encoder " + process.pid() + ": " + String.join(" ", command.args()));
    }

    private static SyntheticClassroom syntheticRoom(AgentSettings settings, Clock clock) {
        AgentSettings.Synthetic s = settings.synthetic();
        return new SyntheticClassroom(s.width(), s.height(), settings.program().fps(),
                new SyncMarks(s.markEverySeconds()), clock::millis);
    }

    private static List<String> slate(AgentSettings.Program program) {
        return List.of("-f", "lavfi", "-i", "color=c=0x202830:s=" + program.width() / 2 + "x" + program.height() / 2
                + ":r=" + program.fps());
    }

    private void direct(Director director, ProgramContext context, Clock clock, Consumer<Layout> cut) {
        ProgramGraph.State current = graph.startState();
        Layout shown = Layout.full(context.sources().get(0));
        CommandPace pace = new CommandPace(context.fps(), DIRECTOR_PERIOD);
        try {
            directUntilEnd(director, context, clock, cut, current, shown, pace);
        } finally {
            if (!process.isAlive()) {
                director.finish(); // the encoder died; a closing run finishes its director after the encoder stopped
            }
        }
    }

    private void directUntilEnd(Director director, ProgramContext context, Clock clock, Consumer<Layout> cut,
            ProgramGraph.State current, Layout shown, CommandPace pace) {
        while (!closing && process.isAlive()) {
            try {
                Layout wanted = director.layout(clock.instant(), context);
                ProgramGraph.State next = graph.next(current, wanted);
                boolean switched = !sameShot(wanted, shown);
                if (switched || pace.mayMove()) {
                    // a crop that only moves glides there over the next director period, so that the virtual
                    // camera pans smoothly although ffmpeg takes only about ten commands a second
                    ProgramGraph.Glide glide = pace.glide(process.progress().frame(), process.sinceProgress());
                    List<ProgramGraph.Command> commands = graph.commands(current, next, glide);
                    for (ProgramGraph.Command c : commands) {
                        process.command(c.target(), c.command(), c.argument());
                    }
                    pace.sent(commands.size(), glide);
                    current = next;
                }
                if (switched) {
                    shown = wanted;
                    cut.accept(wanted);
                }
                Thread.sleep(DIRECTOR_PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                return; // ffmpeg is gone; the recorder notices
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "The director failed; the layout stays: " + e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** A cut is a change of what is shown where; a crop that moves (the virtual camera panning) is not. */
    private static boolean sameShot(Layout a, Layout b) {
        return a.main().equals(b.main()) && a.pips().equals(b.pips());
    }

    FfmpegProcess process() {
        return process;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The newest program thumbnail (JPEG, 320 px wide). */
    java.util.Optional<byte[]> thumbnail() {
        return thumbnails.latest();
    }

    @Nullable Double audioLevel() {
        return audioLevel;
    }

    /** The roles whose input ffmpeg blamed in its last lines (input numbers in {@code [in#N …]} error lines). */
    Set<String> blamedRoles() {
        Set<String> roles = new java.util.LinkedHashSet<>();
        for (String line : process.stderrTail().split("\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (!lower.contains("error") && !lower.contains("fail") && !lower.contains("refused")
                    && !lower.contains("no such") && !lower.contains("timed out") && !lower.contains("end of file")) {
                continue;
            }
            Matcher m = INPUT.matcher(line);
            while (m.find()) {
                int index = Integer.parseInt(m.group(1));
                if (index < inputRoles.size()) {
                    roles.add(inputRoles.get(index));
                }
            }
        }
        return roles;
    }

    /** Finishes the part file cleanly. */
    @Override
    public void close() {
        closing = true;
        directorThread.interrupt();
        try {
            process.stop(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            process.kill();
            Thread.currentThread().interrupt();
        } finally {
            if (synthetic != null) {
                synthetic.close();
            }
            director.finish();
        }
    }

    /** For tests and the status: the input roles in ffmpeg's order. */
    Map<String, Integer> inputs() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < inputRoles.size(); i++) {
            map.put(inputRoles.get(i), i);
        }
        return map;
    }
}
