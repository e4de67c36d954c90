package org.ketang.platform.devices.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A device's latest program picture: JPEG bytes, at most {@link #MAX_BYTES}.
 *
 * @param takenAt when the heartbeat that carried it arrived
 */
public record Thumbnail(byte[] jpeg, Instant takenAt) {

    /** The largest thumbnail kept (a 320 px wide JPEG is 10–30 KB; this leaves room for a sharp one). */
    public static final int MAX_BYTES = 200 * 1024;

    /**
     * The JPEG in a heartbeat's base64 text, or empty when there is none or it is not a JPEG of at most
     * {@link #MAX_BYTES} (starts with the SOI marker {@code FF D8 FF}, ends with the EOI marker {@code FF D9}).
     */
    public static Optional<byte[]> decode(@Nullable String base64) {
        if (base64 == null || base64.isBlank() || base64.length() > (MAX_BYTES / 3 + 1) * 4 + 64) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int n = bytes.length;
        boolean jpeg = n >= 4 && n <= MAX_BYTES && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                && (bytes[2] & 0xFF) == 0xFF && (bytes[n - 2] & 0xFF) == 0xFF && (bytes[n - 1] & 0xFF) == 0xD9;
        return jpeg ? Optional.of(bytes) : Optional.empty();
    }
}
