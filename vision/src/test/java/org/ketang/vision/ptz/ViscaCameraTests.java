package org.ketang.vision.ptz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VISCA-over-IP client against a simulated camera on loopback. */
class ViscaCameraTests {

    private SimulatedViscaCamera simulated;
    private ViscaCamera camera;

    @BeforeEach
    void start() throws Exception {
        simulated = SimulatedViscaCamera.start();
        camera = new ViscaCamera(simulated.address(), Duration.ofMillis(150), Duration.ofSeconds(2), 3);
    }

    @AfterEach
    void stop() {
        camera.close();
        simulated.close();
    }

    @Test
    void movesAndReportsItsPosition() throws Exception {
        camera.execute(ViscaCommand.absolute(1200, -300, 0x10, 0x10));
        camera.execute(ViscaCommand.zoomTo(0x2000));
        assertThat(camera.position()).isEqualTo(new PtzPosition(1200, -300, 0x2000));
        camera.execute(ViscaCommand.relative(-200, 100, 5, 5));
        assertThat(camera.position()).isEqualTo(new PtzPosition(1000, -200, 0x2000));
    }

    @Test
    void presetsAreStoredAndRecalled() throws Exception {
        camera.execute(ViscaCommand.absolute(-4000, 500, 0x18, 0x17));
        camera.setPreset(7);
        camera.execute(ViscaCommand.home());
        assertThat(camera.position().pan()).isZero();
        camera.recallPreset(7);
        assertThat(camera.position()).isEqualTo(new PtzPosition(-4000, 500, 0));
    }

    @Test
    void aLostCommandIsSentAgain() throws Exception {
        simulated.dropIncoming(2);
        camera.execute(ViscaCommand.recallPreset(1));
        assertThat(simulated.executed()).containsExactly(ViscaCommand.recallPreset(1));
    }

    @Test
    void aLostAnswerIsAskedForAgainWithoutMovingTwice() throws Exception {
        simulated.dropOutgoing(1);
        camera.execute(ViscaCommand.relative(100, 0, 1, 1));
        assertThat(simulated.executed()).hasSize(1);
        assertThat(camera.position().pan()).isEqualTo(100);
    }

    @Test
    void aSequenceMixedUpByAnotherControllerIsResetAndTheCommandSentAgain() throws Exception {
        camera.execute(ViscaCommand.absolute(10, 10, 1, 1));
        camera.execute(ViscaCommand.absolute(20, 20, 1, 1));
        // a second controller resets the camera's sequence: our next number is unexpected
        try (ViscaCamera other = new ViscaCamera(simulated.address(), Duration.ofMillis(150), Duration.ofSeconds(2),
                3)) {
            other.execute(ViscaCommand.zoomTo(100));
        }
        camera.execute(ViscaCommand.absolute(30, 30, 1, 1));
        assertThat(camera.position()).isEqualTo(new PtzPosition(30, 30, 100));
    }

    @Test
    void aRefusedCommandRaisesTheCamerasError() {
        ViscaCommand nonsense = ViscaCommand.parse(new byte[] {(byte) 0x81, 0x01, 0x7E, 0x01, (byte) 0xFF}, false);
        assertThatThrownBy(() -> camera.execute(nonsense)).isInstanceOf(PtzException.class)
                .extracting(e -> ((PtzException) e).viscaError()).isEqualTo(ViscaReply.SYNTAX);
    }

    @Test
    void aCameraThatNeverAnswersIsReported() throws Exception {
        simulated.dropIncoming(100);
        assertThatThrownBy(() -> camera.submit(ViscaCommand.home())).isInstanceOf(PtzException.class)
                .hasMessageContaining("no answer");
    }

    @Test
    void submitReturnsOnTheAcknowledgement() throws Exception {
        ViscaReply reply = camera.submit(ViscaCommand.drive(ViscaCommand.Direction.POSITIVE,
                ViscaCommand.Direction.STOP, 4, 1));
        assertThat(reply.kind()).isEqualTo(ViscaReply.Kind.ACK);
        camera.execute(ViscaCommand.stop());
        assertThat(simulated.executed()).hasSize(2);
    }
}
