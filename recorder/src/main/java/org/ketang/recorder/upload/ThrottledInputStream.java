package org.ketang.recorder.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** Reads through a {@link BandwidthLimiter}; skipping (resuming at an offset) is not limited. */
final class ThrottledInputStream extends FilterInputStream {

    private final BandwidthLimiter limiter;

    ThrottledInputStream(InputStream in, BandwidthLimiter limiter) {
        super(in);
        this.limiter = limiter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            take(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            take(n);
        }
        return n;
    }

    private void take(int bytes) throws IOException {
        try {
            limiter.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("upload interrupted");
        }
    }
}
