package org.ketang.vision.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketang.vision.Box;

class TruthFileTests {

    @Test
    void readsPresenterBoxesWithCommentsBlankLinesAndCommas() throws Exception {
        Truth truth = TruthFile.read(new StringReader("""
                # annotated by hand
                0 10 20 30 40

                1, 11, 21, 30, 40   # moved a pixel
                3 0 0 0 0
                """), 25);
        assertThat(truth.presenter().at(0)).contains(new Box(10, 20, 30, 40));
        assertThat(truth.presenter().at(1)).contains(new Box(11, 21, 30, 40));
        assertThat(truth.presenter().at(2)).isEmpty();
        assertThat(truth.presenter().at(3)).isEmpty();
        assertThat(truth.presenter().at(99)).isEmpty();
    }

    @Test
    void readsStandUpsAndSlideChangesInSeconds() throws Exception {
        Truth truth = TruthFile.read(new StringReader("""
                slide 50
                standup 100 200 1 2 3 4
                slide 25
                """), 25);
        assertThat(truth.slideChanges()).containsExactly(1.0, 2.0);
        assertThat(truth.standUps()).hasSize(1);
        StandUpTruth s = truth.standUps().get(0);
        assertThat(s.upAt()).isCloseTo(4.0, within(1e-9));
        assertThat(s.downAt()).isCloseTo(8.0, within(1e-9));
        assertThat(s.standing()).isEqualTo(new Box(1, 2, 3, 4));
    }

    @Test
    void namesTheLineThatIsNotInTheFormat() {
        assertThatThrownBy(() -> TruthFile.read(new StringReader("0 1 2 3 4\n1 2 3\n"), 25))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2")
                .hasMessageContaining("frame x y w h");
        assertThatThrownBy(() -> TruthFile.read(new StringReader("-1 1 2 3 4\n"), 25))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> TruthFile.read(new StringReader("slide x\n"), 25)).hasMessageContaining("line 1");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        PresenterTruth presenter = new PresenterTruth();
        presenter.put(0, new Box(1, 2, 3, 4));
        presenter.put(2, new Box(5, 6, 7, 8));
        StringBuilder text = new StringBuilder();
        TruthFile.writePresenter(presenter, 3, text);
        TruthFile.writeStandUps(List.of(new StandUpTruth(2, 6, new Box(9, 9, 9, 9))), 25, text);
        TruthFile.writeSlides(List.of(3.0), 25, text);
        Truth back = TruthFile.read(new StringReader(text.toString()), 25);
        assertThat(back.presenter().at(0)).contains(new Box(1, 2, 3, 4));
        assertThat(back.presenter().at(1)).isEmpty();
        assertThat(back.presenter().at(2)).contains(new Box(5, 6, 7, 8));
        assertThat(back.standUps()).containsExactly(new StandUpTruth(2, 6, new Box(9, 9, 9, 9)));
        assertThat(back.slideChanges()).containsExactly(3.0);
    }
}
