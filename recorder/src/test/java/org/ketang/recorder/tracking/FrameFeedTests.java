package org.ketang.recorder.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketang.recorder.Eventually.waitFor;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The encoder's analysis frames are read at once whatever the analysis does, so recording never waits for it. */
class FrameFeedTests {

    static final int FRAME = 64 * 36 * 3;

    @Test
    void framesNobodyAnalysesAreDroppedNotQueued() throws Exception {
        Object signal = new Object();
        try (FrameFeed feed = new FrameFeed("teacher", FRAME, signal);
                Socket encoder = new Socket(InetAddress.getLoopbackAddress(), feed.port())) {
            OutputStream out = encoder.getOutputStream();
            byte[] frame = new byte[FRAME];
            // far more than any socket buffer holds: a feed that did not read would block the writer here
            for (int n = 0; n < 400; n++) {
                frame[0] = (byte) n;
                out.write(frame);
            }
            out.flush();
            waitFor("all frames read", Duration.ofSeconds(30), () -> {
                synchronized (signal) {
                    return feed.received() == 400;
                }
            });
            synchronized (signal) {
                assertThat(feed.dropped()).isEqualTo(399);
                assertThat(feed.fresh()).isTrue();
                assertThat(feed.latestIndex()).isEqualTo(399);
                assertThat(feed.take()[0]).as("the newest frame").isEqualTo((byte) 399);
                assertThat(feed.fresh()).isFalse();
            }
        }
    }
}
