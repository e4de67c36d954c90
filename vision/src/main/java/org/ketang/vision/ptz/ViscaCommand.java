package org.ketang.vision.ptz;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A VISCA message for camera address 1 (the only one over IP): its bytes from {@code 0x81} to the terminator
 * {@code 0xFF}, and whether it is an inquiry. Built by the factory methods, which check the ranges the VISCA
 * specification allows.
 */
public final class ViscaCommand {

    /** Direction of a pan (left/right) or tilt (up/down) drive. */
    public enum Direction {
        /** Left for pan, up for tilt. */
        NEGATIVE(1),
        /** Right for pan, down for tilt. */
        POSITIVE(2),
        STOP(3);

        final int code;

        Direction(int code) {
            this.code = code;
        }
    }

    /** Fastest pan speed code. */
    public static final int MAX_PAN_SPEED = 0x18;
    /** Fastest tilt speed code. */
    public static final int MAX_TILT_SPEED = 0x17;
    /** Full tele zoom position of most Sony cameras (their wide end is 0). */
    public static final int MAX_ZOOM = 0x4000;

    private final byte[] bytes;
    private final boolean inquiry;

    private ViscaCommand(boolean inquiry, int... values) {
        this.bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        this.inquiry = inquiry;
    }

    /** Pans and tilts continuously (left/right, up/down or stop each) at the given speeds. */
    public static ViscaCommand drive(Direction pan, Direction tilt, int panSpeed, int tiltSpeed) {
        check("pan speed", panSpeed, 1, MAX_PAN_SPEED);
        check("tilt speed", tiltSpeed, 1, MAX_TILT_SPEED);
        return new ViscaCommand(false, 0x81, 0x01, 0x06, 0x01, panSpeed, tiltSpeed, pan.code, tilt.code, 0xFF);
    }

    /** Stops pan and tilt. */
    public static ViscaCommand stop() {
        return drive(Direction.STOP, Direction.STOP, 1, 1);
    }

    /** Moves to an absolute pan/tilt position (signed 16-bit, the camera's own units) at the given speeds. */
    public static ViscaCommand absolute(int pan, int tilt, int panSpeed, int tiltSpeed) {
        return position(0x02, pan, tilt, panSpeed, tiltSpeed);
    }

    /** Moves by a pan/tilt offset (signed 16-bit, the camera's own units) at the given speeds. */
    public static ViscaCommand relative(int pan, int tilt, int panSpeed, int tiltSpeed) {
        return position(0x03, pan, tilt, panSpeed, tiltSpeed);
    }

    private static ViscaCommand position(int kind, int pan, int tilt, int panSpeed, int tiltSpeed) {
        check("pan speed", panSpeed, 1, MAX_PAN_SPEED);
        check("tilt speed", tiltSpeed, 1, MAX_TILT_SPEED);
        check("pan", pan, Short.MIN_VALUE, Short.MAX_VALUE);
        check("tilt", tilt, Short.MIN_VALUE, Short.MAX_VALUE);
        int[] p = nibbles(pan);
        int[] t = nibbles(tilt);
        return new ViscaCommand(false, 0x81, 0x01, 0x06, kind, panSpeed, tiltSpeed, p[0], p[1], p[2], p[3], t[0], t[1],
                t[2], t[3], 0xFF);
    }

    /** Pan and tilt to the home position. */
    public static ViscaCommand home() {
        return new ViscaCommand(false, 0x81, 0x01, 0x06, 0x04, 0xFF);
    }

    /** Zooms to an absolute position, 0 (wide) to {@link #MAX_ZOOM} (tele). */
    public static ViscaCommand zoomTo(int position) {
        check("zoom", position, 0, 0xFFFF);
        int[] z = nibbles(position);
        return new ViscaCommand(false, 0x81, 0x01, 0x04, 0x47, z[0], z[1], z[2], z[3], 0xFF);
    }

    /** Zooms continuously: positive speed (1..7) toward tele, negative toward wide, 0 stops. */
    public static ViscaCommand zoom(int speed) {
        check("zoom speed", speed, -7, 7);
        int code = speed == 0 ? 0x00 : speed > 0 ? 0x20 | speed : 0x30 | -speed;
        return new ViscaCommand(false, 0x81, 0x01, 0x04, 0x07, code, 0xFF);
    }

    /** Stores the current position as preset {@code number} (0..255). */
    public static ViscaCommand setPreset(int number) {
        return preset(0x01, number);
    }

    /** Moves to preset {@code number} (0..255). */
    public static ViscaCommand recallPreset(int number) {
        return preset(0x02, number);
    }

    /** Clears preset {@code number} (0..255). */
    public static ViscaCommand resetPreset(int number) {
        return preset(0x00, number);
    }

    private static ViscaCommand preset(int action, int number) {
        check("preset", number, 0, 255);
        return new ViscaCommand(false, 0x81, 0x01, 0x04, 0x3F, action, number, 0xFF);
    }

    /** Asks for the pan/tilt position (the reply carries 8 nibbles). */
    public static ViscaCommand panTiltInquiry() {
        return new ViscaCommand(true, 0x81, 0x09, 0x06, 0x12, 0xFF);
    }

    /** Asks for the zoom position (the reply carries 4 nibbles). */
    public static ViscaCommand zoomInquiry() {
        return new ViscaCommand(true, 0x81, 0x09, 0x04, 0x47, 0xFF);
    }

    /** A message received as bytes (a simulated camera's view of what it was sent). */
    static ViscaCommand parse(byte[] bytes, boolean inquiry) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return new ViscaCommand(inquiry, values);
    }

    /** The message bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean inquiry() {
        return inquiry;
    }

    /** A value as four nibbles, most significant first (each in the low half of a byte, as VISCA wants). */
    static int[] nibbles(int value) {
        int v = value & 0xFFFF;
        return new int[] {(v >> 12) & 0xF, (v >> 8) & 0xF, (v >> 4) & 0xF, v & 0xF};
    }

    /** Four nibbles back into a signed 16-bit value. */
    static int fromNibbles(byte[] bytes, int offset) {
        int v = ((bytes[offset] & 0xF) << 12) | ((bytes[offset + 1] & 0xF) << 8) | ((bytes[offset + 2] & 0xF) << 4)
                | (bytes[offset + 3] & 0xF);
        return (short) v;
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", not " + value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ViscaCommand c && c.inquiry == inquiry && Arrays.equals(c.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return (inquiry ? "inquiry " : "command ") + HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
