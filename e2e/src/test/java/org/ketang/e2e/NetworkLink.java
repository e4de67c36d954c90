package org.ketang.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The classroom's network between the recorder and the platform: a TCP relay on loopback. {@link #down()} is an
 * outage — every open connection is reset and every new one is reset on arrival, so nothing gets through until
 * {@link #up()}; {@link #throttle(String, long)} slows the connections whose first request is for a path (a slow
 * school line for uploads, while live and heartbeats go on as before).
 * Viewers reach the platform directly; only the classroom loses its network.
 */
final class NetworkLink implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong throttledBytes = new AtomicLong();
    private volatile boolean down;
    private volatile String throttledPath;
    private volatile long bytesPerSecond;

    NetworkLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "link-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The network fails: open connections are reset, new ones too. */
    void down() {
        down = true;
        open.forEach(NetworkLink::reset);
        open.clear();
    }

    /** The network is back. */
    void up() {
        down = false;
    }

    /**
     * Limits the bytes per second towards the platform of each new connection whose first request's path starts
     * with {@code pathPrefix} (0: no limit, also for the ones already throttled).
     */
    void throttle(String pathPrefix, long bytesPerSecond) {
        this.throttledPath = pathPrefix;
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Bytes passed on to the platform by throttled connections. */
    long throttledBytes() {
        return throttledBytes.get();
    }

    /** Connections reset on arrival while the link was down. */
    long refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (down) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            try {
                Socket platform = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(platform);
                relay(client, platform, true);
                relay(platform, client, false);
            } catch (IOException unreachable) {
                reset(client);
            }
        }
    }

    private void relay(Socket from, Socket to, boolean upstream) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long started = System.nanoTime();
            long sent = 0;
            Boolean limited = upstream ? null : false;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) >= 0;) {
                    if (limited == null) {
                        String prefix = throttledPath;
                        limited = prefix != null && requestPath(buffer, n).startsWith(prefix);
                    }
                    long limit = bytesPerSecond;
                    if (limited && limit > 0) {
                        sent += n;
                        throttledBytes.addAndGet(n);
                        long dueNanos = sent * 1_000_000_000L / limit - (System.nanoTime() - started);
                        if (dueNanos > 0) {
                            Thread.sleep(dueNanos / 1_000_000, (int) (dueNanos % 1_000_000));
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
                if (from.isOutputShutdown()) {
                    // both directions are done: the connection ended normally
                    open.remove(from);
                    open.remove(to);
                    from.close();
                    to.close();
                }
            } catch (IOException | InterruptedException severed) {
                open.remove(from);
                open.remove(to);
                reset(from);
                reset(to);
            }
        }, upstream ? "link-up" : "link-down");
        t.setDaemon(true);
        t.start();
    }

    /** The path of the HTTP request line at the start of {@code bytes} ("" when it is not one). */
    private static String requestPath(byte[] bytes, int length) {
        String head = new String(bytes, 0, Math.min(length, 300), java.nio.charset.StandardCharsets.ISO_8859_1);
        String[] words = head.split(" ", 3);
        return words.length >= 2 ? words[1] : "";
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        down();
    }
}
