package org.ketang.recorder.recording;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the newest program thumbnail from the encoder's stream of JPEGs on stdout (each image from its SOI marker
 * {@code FF D8} to its EOI marker {@code FF D9}), in memory only.
 */
final class Thumbnails implements Consumer<InputStream> {

    private static final int MAX_JPEG = 1 << 20;

    private volatile byte @Nullable [] latest;

    @Override
    public void accept(InputStream in) {
        ByteArrayOutputStream current = new ByteArrayOutputStream(32 * 1024);
        byte[] buffer = new byte[16 * 1024];
        int previous = -1;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buffer[i] & 0xFF;
                    current.write(b);
                    if (previous == 0xFF && b == 0xD9) {
                        byte[] jpeg = current.toByteArray();
                        if (jpeg.length > 4 && (jpeg[0] & 0xFF) == 0xFF && (jpeg[1] & 0xFF) == 0xD8) {
                            latest = jpeg;
                        }
                        current.reset();
                        b = -1;
                    } else if (current.size() > MAX_JPEG) {
                        current.reset();
                    }
                    previous = b;
                }
            }
        } catch (IOException ended) {
            // the encoder stopped
        }
    }

    Optional<byte[]> latest() {
        return Optional.ofNullable(latest);
    }
}
