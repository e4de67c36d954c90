package org.ketang.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketang.recorder.Eventually.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandType;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.recorder.ffmpeg.Ffmpeg;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

/**
 * The agent as its own JVM (as on a classroom box), killed with SIGKILL together with its ffmpeg children while
 * recording — a power cut — then started again.
 */
class AgentCrashTests {

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path data;
    FakePlatform platform;
    final List<Process> agents = new ArrayList<>();

    @AfterEach
    void stop() {
        for (Process p : agents) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (platform != null) {
            platform.close();
        }
    }

    Process startAgent(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.ketang.recorder.Main",
                "--data", data.toString(), "--port", "0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + ".log")
                        .toFile()))
                .start();
        agents.add(process);
        return process;
    }

    /** SIGKILL for the agent and every process it started, at once. */
    static void powerCut(Process agent) {
        List<ProcessHandle> children = agent.descendants().toList();
        agent.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void recordingSurvivesAgentCrash() throws Exception {
        platform = new FakePlatform();
        Process first = startAgent("--platform", platform.uri().toString(), "--code", FakePlatform.CODE);
        waitFor("enrolled and beating", WAIT, () -> !platform.heartbeats.isEmpty());
        platform.queueOnLongPoll(new Command("c1", CommandType.START_RECORDING, Map.of("title", "断电测试"),
                Instant.now(), Instant.now().plusSeconds(60)));
        waitFor("recording", WAIT, () -> platform.heartbeats.stream().anyMatch(h -> h.state() == AgentState.CAPTURING));
        String id = platform.heartbeats.stream().filter(h -> h.recordingId() != null).findFirst().orElseThrow()
                .recordingId();
        Path dir = data.resolve("recordings").resolve(id);
        Thread.sleep(9000);

        powerCut(first);
        Instant killedAt = Instant.now();
        first.waitFor();

        // what is on disk right after the cut already plays
        Ffmpeg ffmpeg = new Ffmpeg(null, null);
        Path part = dir.resolve("part-000.mp4");
        assertThat(part).exists();
        assertThat(ffmpeg.durationSeconds(part)).isPresent();

        startAgent();
        waitFor("the crash reported", WAIT, () -> platform.alerts().stream()
                .anyMatch(a -> a.kind() == AgentAlert.Kind.CRASH_RECOVERED && a.message().contains(id)));
        waitFor("recovered, reported and uploaded", WAIT, () -> {
            FakePlatform.Upload upload = platform.uploadOf(id);
            return upload != null && "COMPLETED".equals(upload.state);
        });

        Recording recovered = new RecordingLibrary(data.resolve("recordings")).find(id).orElseThrow();
        Path file = dir.resolve(recovered.file());
        double duration = ffmpeg.durationSeconds(file).orElseThrow();
        // the first frame shows when the picture began (the synthetic source burns the wall clock into it)
        long firstFrame = new MediaAnalysis(ffmpeg).timeStrip(file, 0, 1920, 1080).orElseThrow();
        double recordedFor = (killedAt.toEpochMilli() - firstFrame) / 1000.0;
        double lost = recordedFor - duration;
        System.out.printf("kill -9 after %.2f s of picture (%.2f s after the command started it): %.2f s recovered,"
                + " %.2f s lost%n", recordedFor, (firstFrame - recovered.startedAt().toEpochMilli()) / 1000.0,
                duration, lost);
        assertThat(lost).as("seconds lost").isLessThanOrEqualTo(2.0);
        assertThat(duration).isGreaterThan(6.0);
        assertThat(recovered.message()).contains("recovered");
        assertThat(platform.reports).anyMatch(r -> r.recordingId().equals(id) && r.phase() == Phase.RECOVERED);
        assertThat(platform.uploadOf(id).sha256()).isEqualTo(recovered.sha256()).isEqualTo(RecordingLibrary.sha256(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("program.mp4",
                    "recording.json");
        }
    }
}
