package org.ketang.recorder.tracking;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * One source's analysis frames from the encoder (a loopback TCP connection, raw BGR24 of a fixed size). A reader
 * thread takes every frame off the socket at once, so the encoder never waits for the analysis; only the newest
 * frame is kept, and a frame replaced before the analysis took it counts as dropped.
 */
final class FrameFeed implements AutoCloseable {

    private static final System.Logger log = System.getLogger(FrameFeed.class.getName());

    private final String role;
    private final int frameBytes;
    private final Object signal;
    private final ServerSocket server;
    private final Thread reader;
    private byte[] filling;
    private byte[] latest;
    private byte[] taken;
    private long latestIndex = -1;
    private boolean fresh;
    private long received;
    private long dropped;
    private volatile boolean closed;
    private volatile Socket connection;

    /**
     * @param signal notified (while held) whenever a frame arrives; the analysis waits on it for any feed
     */
    FrameFeed(String role, int frameBytes, Object signal) throws IOException {
        this.role = role;
        this.frameBytes = frameBytes;
        this.signal = signal;
        this.filling = new byte[frameBytes];
        this.latest = new byte[frameBytes];
        this.taken = new byte[frameBytes];
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(60_000);
        this.reader = new Thread(this::read, "frames-" + role);
        reader.setDaemon(true);
        reader.start();
    }

    String role() {
        return role;
    }

    int port() {
        return server.getLocalPort();
    }

    private void read() {
        try (server; Socket socket = server.accept()) {
            connection = socket;
            socket.setReceiveBufferSize(Math.max(frameBytes, 1 << 20));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (long n = 0; !closed; n++) {
                in.readFully(filling);
                synchronized (signal) {
                    byte[] done = filling;
                    filling = latest;
                    latest = done;
                    if (fresh) {
                        dropped++;
                    }
                    fresh = true;
                    latestIndex = n;
                    received++;
                    signal.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the encoder run ended (or never connected)
            if (!closed) {
                log.log(System.Logger.Level.DEBUG, () -> "Frames of " + role + " ended: " + ended);
            }
        }
    }

    /** Whether a frame arrived that was not taken yet. Call while holding the signal. */
    boolean fresh() {
        return fresh;
    }

    /**
     * Takes the newest frame (call while holding the signal, only from the analysis thread); the array stays valid
     * until the next take.
     */
    byte[] take() {
        byte[] frame = latest;
        latest = taken;
        taken = frame;
        fresh = false;
        return frame;
    }

    /** Index of the frame last taken or arrived (frame n of the source in the program). Holding the signal. */
    long latestIndex() {
        return latestIndex;
    }

    /** Frames received and dropped so far. Holding the signal. */
    long received() {
        return received;
    }

    long dropped() {
        return dropped;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Socket socket = connection;
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
