package org.ketang.vision.ptz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One UDP datagram of Sony's VISCA over IP: an 8-byte header — payload type (2 bytes), payload length (2 bytes),
 * sequence number (4 bytes), all big-endian — then the payload (a VISCA message, or a control message).
 */
public record ViscaPacket(int type, long sequence, byte[] payload) {

    /** A VISCA command. */
    public static final int COMMAND = 0x0100;
    /** A VISCA inquiry. */
    public static final int INQUIRY = 0x0110;
    /** The camera's VISCA reply (acknowledgement, completion, error). */
    public static final int REPLY = 0x0111;
    /** A VISCA device setting command. */
    public static final int DEVICE_SETTING = 0x0120;
    /** A control command (RESET of the sequence number: payload {@code 0x01}). */
    public static final int CONTROL = 0x0200;
    /** The camera's control reply ({@code 0x01} acknowledged; {@code 0x0F 0x01} wrong sequence number). */
    public static final int CONTROL_REPLY = 0x0201;
    /** UDP port VISCA-over-IP cameras listen on. */
    public static final int PORT = 52381;

    private static final int HEADER = 8;

    public ViscaPacket {
        if (payload.length < 1 || payload.length > 16) {
            throw new IllegalArgumentException("a VISCA-over-IP payload is 1 to 16 bytes, not " + payload.length);
        }
        if (sequence < 0 || sequence > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("sequence number out of range: " + sequence);
        }
        payload = payload.clone();
    }

    /** The packet for a VISCA command or inquiry. */
    public static ViscaPacket of(ViscaCommand command, long sequence) {
        return new ViscaPacket(command.inquiry() ? INQUIRY : COMMAND, sequence, command.bytes());
    }

    /** The control packet that resets the camera's expected sequence number. */
    public static ViscaPacket reset(long sequence) {
        return new ViscaPacket(CONTROL, sequence, new byte[] {0x01});
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The datagram's bytes. */
    public byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
        buffer.putShort((short) type).putShort((short) payload.length).putInt((int) sequence).put(payload);
        return buffer.array();
    }

    /** Reads a datagram; throws on a short or inconsistent one. */
    public static ViscaPacket decode(byte[] data, int length) {
        if (length < HEADER + 1) {
            throw new IllegalArgumentException("a VISCA-over-IP packet has at least 9 bytes, got " + length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
        int type = buffer.getShort() & 0xFFFF;
        int size = buffer.getShort() & 0xFFFF;
        long sequence = buffer.getInt() & 0xFFFFFFFFL;
        if (size != length - HEADER) {
            throw new IllegalArgumentException("payload length " + size + " but " + (length - HEADER) + " bytes follow");
        }
        return new ViscaPacket(type, sequence, Arrays.copyOfRange(data, HEADER, length));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ViscaPacket p && p.type == type && p.sequence == sequence
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(sequence) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return String.format("ViscaPacket[type=%04x, sequence=%d, payload=%s]", type, sequence,
                HexFormat.ofDelimiter(" ").formatHex(payload));
    }
}
