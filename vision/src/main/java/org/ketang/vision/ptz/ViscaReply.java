package org.ketang.vision.ptz;

import java.util.Arrays;

/**
 * What a camera answered to a VISCA message: {@code 90 4z FF} acknowledged (z: the socket the command runs in),
 * {@code 90 5z ... FF} completed (an inquiry's data in between), {@code 90 6z ee FF} error.
 */
public record ViscaReply(Kind kind, int socket, int error, byte[] data) {

    /** The kind of reply. */
    public enum Kind {
        ACK, COMPLETION, ERROR
    }

    /** VISCA error: message length. */
    public static final int MESSAGE_LENGTH = 0x01;
    /** VISCA error: syntax. */
    public static final int SYNTAX = 0x02;
    /** VISCA error: command buffer full (both sockets busy). */
    public static final int BUFFER_FULL = 0x03;
    /** VISCA error: command cancelled. */
    public static final int CANCELLED = 0x04;
    /** VISCA error: no socket to cancel. */
    public static final int NO_SOCKET = 0x05;
    /** VISCA error: command not executable now. */
    public static final int NOT_EXECUTABLE = 0x41;

    public ViscaReply {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Parses a reply payload. */
    public static ViscaReply parse(byte[] payload) {
        if (payload.length < 3 || (payload[0] & 0xF0) != 0x90 || (payload[payload.length - 1] & 0xFF) != 0xFF) {
            throw new IllegalArgumentException("not a VISCA reply: " + Arrays.toString(payload));
        }
        int kind = payload[1] & 0xF0;
        int socket = payload[1] & 0x0F;
        return switch (kind) {
            case 0x40 -> new ViscaReply(Kind.ACK, socket, 0, new byte[0]);
            case 0x50 -> new ViscaReply(Kind.COMPLETION, socket, 0, Arrays.copyOfRange(payload, 2, payload.length - 1));
            case 0x60 -> new ViscaReply(Kind.ERROR, socket, payload.length > 3 ? payload[2] & 0xFF : 0, new byte[0]);
            default -> throw new IllegalArgumentException("unknown VISCA reply " + Integer.toHexString(kind));
        };
    }

    /** The reply's payload bytes. */
    public byte[] encode() {
        int head = switch (kind) {
            case ACK -> 0x40;
            case COMPLETION -> 0x50;
            case ERROR -> 0x60;
        } | socket;
        byte[] body = kind == Kind.ERROR ? new byte[] {(byte) error} : data;
        byte[] out = new byte[3 + body.length];
        out[0] = (byte) 0x90;
        out[1] = (byte) head;
        System.arraycopy(body, 0, out, 2, body.length);
        out[out.length - 1] = (byte) 0xFF;
        return out;
    }
}
