package org.ketang.vision.ptz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.ketang.vision.ptz.ViscaCommand.Direction;

class ViscaCommandTests {

    private static String hex(ViscaCommand command) {
        return HexFormat.ofDelimiter(" ").formatHex(command.bytes());
    }

    @Test
    void panTiltCommandsFollowTheViscaLayout() {
        assertThat(hex(ViscaCommand.drive(Direction.NEGATIVE, Direction.STOP, 0x10, 0x08)))
                .isEqualTo("81 01 06 01 10 08 01 03 ff");
        assertThat(hex(ViscaCommand.stop())).isEqualTo("81 01 06 01 01 01 03 03 ff");
        // pan 0x1234 and tilt -2 (0xfffe) as nibbles
        assertThat(hex(ViscaCommand.absolute(0x1234, -2, 0x18, 0x17)))
                .isEqualTo("81 01 06 02 18 17 01 02 03 04 0f 0f 0f 0e ff");
        assertThat(hex(ViscaCommand.relative(-256, 16, 1, 1)))
                .isEqualTo("81 01 06 03 01 01 0f 0f 00 00 00 00 01 00 ff");
        assertThat(hex(ViscaCommand.home())).isEqualTo("81 01 06 04 ff");
    }

    @Test
    void zoomAndPresetCommands() {
        assertThat(hex(ViscaCommand.zoomTo(0x4000))).isEqualTo("81 01 04 47 04 00 00 00 ff");
        assertThat(hex(ViscaCommand.zoom(3))).isEqualTo("81 01 04 07 23 ff");
        assertThat(hex(ViscaCommand.zoom(-7))).isEqualTo("81 01 04 07 37 ff");
        assertThat(hex(ViscaCommand.zoom(0))).isEqualTo("81 01 04 07 00 ff");
        assertThat(hex(ViscaCommand.recallPreset(5))).isEqualTo("81 01 04 3f 02 05 ff");
        assertThat(hex(ViscaCommand.setPreset(200))).isEqualTo("81 01 04 3f 01 c8 ff");
        assertThat(hex(ViscaCommand.resetPreset(0))).isEqualTo("81 01 04 3f 00 00 ff");
    }

    @Test
    void inquiriesAreMarkedAsSuch() {
        assertThat(hex(ViscaCommand.panTiltInquiry())).isEqualTo("81 09 06 12 ff");
        assertThat(ViscaCommand.panTiltInquiry().inquiry()).isTrue();
        assertThat(hex(ViscaCommand.zoomInquiry())).isEqualTo("81 09 04 47 ff");
        assertThat(ViscaCommand.recallPreset(1).inquiry()).isFalse();
    }

    @Test
    void valuesOutsideTheSpecificationAreRefused() {
        assertThatThrownBy(() -> ViscaCommand.drive(Direction.POSITIVE, Direction.STOP, 0x19, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pan speed");
        assertThatThrownBy(() -> ViscaCommand.recallPreset(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ViscaCommand.absolute(40000, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ViscaCommand.zoom(8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packetsCarryTypeLengthAndSequenceBigEndian() {
        ViscaPacket packet = ViscaPacket.of(ViscaCommand.recallPreset(5), 0x01020304L);
        assertThat(HexFormat.ofDelimiter(" ").formatHex(packet.encode()))
                .isEqualTo("01 00 00 07 01 02 03 04 81 01 04 3f 02 05 ff");
        assertThat(ViscaPacket.of(ViscaCommand.zoomInquiry(), 9).type()).isEqualTo(ViscaPacket.INQUIRY);
        assertThat(HexFormat.ofDelimiter(" ").formatHex(ViscaPacket.reset(0xFFFFFFFFL).encode()))
                .isEqualTo("02 00 00 01 ff ff ff ff 01");
        byte[] wire = packet.encode();
        assertThat(ViscaPacket.decode(wire, wire.length)).isEqualTo(packet);
    }

    @Test
    void brokenPacketsAreRefused() {
        byte[] wire = ViscaPacket.of(ViscaCommand.home(), 1).encode();
        assertThatThrownBy(() -> ViscaPacket.decode(wire, 5)).isInstanceOf(IllegalArgumentException.class);
        wire[3] = 9; // claims a longer payload than follows
        assertThatThrownBy(() -> ViscaPacket.decode(wire, wire.length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repliesAreParsedAndEncoded() {
        ViscaReply ack = ViscaReply.parse(new byte[] {(byte) 0x90, 0x41, (byte) 0xFF});
        assertThat(ack.kind()).isEqualTo(ViscaReply.Kind.ACK);
        assertThat(ack.socket()).isEqualTo(1);
        ViscaReply error = ViscaReply.parse(new byte[] {(byte) 0x90, 0x61, 0x41, (byte) 0xFF});
        assertThat(error.kind()).isEqualTo(ViscaReply.Kind.ERROR);
        assertThat(error.error()).isEqualTo(ViscaReply.NOT_EXECUTABLE);
        ViscaReply data = ViscaReply.parse(new byte[] {(byte) 0x90, 0x50, 0x01, 0x02, 0x03, 0x04, (byte) 0xFF});
        assertThat(data.data()).containsExactly(1, 2, 3, 4);
        assertThat(data.encode()).containsExactly(0x90, 0x50, 0x01, 0x02, 0x03, 0x04, 0xFF);
        assertThat(error.encode()).containsExactly(0x90, 0x61, 0x41, 0xFF);
    }
}
