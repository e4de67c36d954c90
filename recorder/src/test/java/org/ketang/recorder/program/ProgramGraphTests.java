package org.ketang.recorder.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ketang.recorder.AgentSettings;

/** The program's filter graph: the director's frame tap and smooth virtual-camera moves. */
class ProgramGraphTests {

    final AgentSettings.Program settings = AgentSettings.defaults().program();

    @Test
    void aTappedSourceSendsSmallFramesOfTheProgramsRateToTheDirector() {
        FrameTap tap = new FrameTap(640, 360, Map.of("teacher", 40123));
        ProgramGraph graph = new ProgramGraph(List.of("teacher", "courseware"), settings, tap);

        String filter = graph.filter(List.of("0:v:0", "1:v:0"), "2:a:0");
        List<String> args = new EncoderCommand(graph, List.of(List.of("-i", "a"), List.of("-i", "b")), null, -1,
                settings, Path.of("part-000.mp4"), 0, Map.of()).args();

        assertThat(filter).contains("[0:v:0]fps=25,split=2[s0][t0];[t0]scale=640:360,format=bgr24[tap0];[s0]crop@c0")
                .contains("[1:v:0]fps=25,crop@c1").doesNotContain("tap1");
        int map = args.indexOf("[tap0]");
        assertThat(args.subList(map - 1, map + 6)).containsExactly("-map", "[tap0]", "-c:v", "rawvideo", "-f",
                "rawvideo", "tcp://127.0.0.1:40123?tcp_nodelay=1");
    }

    @Test
    void aCropThatOnlyMovesGlidesThereWithOneCommandPerAxis() {
        ProgramGraph graph = new ProgramGraph(List.of("teacher", "courseware"), settings);
        ProgramGraph.State start = graph.startState();
        ProgramGraph.State close = graph.next(start, crop(0.10, 0.20));
        ProgramGraph.State panned = graph.next(close, crop(0.30, 0.20));

        List<ProgramGraph.Command> moves = graph.commands(close, panned, new ProgramGraph.Glide(250, 5));

        assertThat(moves).containsExactly(new ProgramGraph.Command("crop@c0", "x",
                "trunc(iw*(0.10000+0.20000*clip((n-250)/5,0,1))/2)*2"));
        // a change of size still jumps (corner first, so that no step lies outside the frame)
        assertThat(graph.commands(start, close, new ProgramGraph.Glide(250, 5))).extracting(ProgramGraph.Command::command)
                .containsExactly("w", "h", "x", "y");
        // without a glide, a move jumps too
        assertThat(graph.commands(close, panned)).extracting(ProgramGraph.Command::command)
                .containsExactly("x", "y", "w", "h", "x", "y");
    }

    static Layout crop(double x, double y) {
        return new Layout("teacher", List.of(), Map.of("teacher", new Layout.Rect(x, y, 0.5, 0.5)));
    }
}
