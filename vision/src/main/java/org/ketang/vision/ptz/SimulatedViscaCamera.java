package org.ketang.vision.ptz;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A VISCA-over-IP camera simulated on the loopback interface, for tests and for demonstrations without hardware.
 * It answers like a Sony camera: {@code RESET} with a control reply; a command with an acknowledgement (socket 1)
 * and a completion; an inquiry with a completion that carries the position; an unknown message with a syntax error;
 * a message with an unexpected sequence number with a sequence error (when strict). A repeated sequence number (the
 * controller retrying because an answer was lost) is answered again without executing twice. It can drop datagrams
 * on purpose, to test retries.
 *
 * <p>It listens on its own daemon thread until closed.
 */
public final class SimulatedViscaCamera implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    private final List<ViscaCommand> executed = new ArrayList<>();
    private final Map<Integer, PtzPosition> presets = new HashMap<>();
    private int pan;
    private int tilt;
    private int zoom;
    private long expected;
    private long lastSequence = -1;
    private List<byte[]> lastAnswers = List.of();
    private int dropIncoming;
    private int dropOutgoing;
    private boolean strict = true;

    private SimulatedViscaCamera(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "simulated-visca-camera");
        this.thread.setDaemon(true);
    }

    /** Starts a simulated camera on an ephemeral loopback port. */
    public static SimulatedViscaCamera start() throws IOException {
        SimulatedViscaCamera camera = new SimulatedViscaCamera(
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        camera.thread.start();
        return camera;
    }

    /** Where to send to. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Where the simulated camera points. */
    public synchronized PtzPosition position() {
        return new PtzPosition(pan, tilt, zoom);
    }

    /** Every command executed, in order (retries count once). */
    public synchronized List<ViscaCommand> executed() {
        return List.copyOf(executed);
    }

    /** Ignores the next {@code count} datagrams that arrive (lost on the way to the camera). */
    public synchronized void dropIncoming(int count) {
        dropIncoming = count;
    }

    /** Does not send the next {@code count} answers (lost on the way back). */
    public synchronized void dropOutgoing(int count) {
        dropOutgoing = count;
    }

    /** Whether a message with an unexpected sequence number gets a sequence error (default true). */
    public synchronized void strictSequence(boolean strict) {
        this.strict = strict;
    }

    private void serve() {
        byte[] buffer = new byte[64];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
                handle(datagram);
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // a broken datagram: a real camera ignores it too
            }
        }
    }

    private synchronized void handle(DatagramPacket datagram) throws IOException {
        if (dropIncoming > 0) {
            dropIncoming--;
            return;
        }
        ViscaPacket packet = ViscaPacket.decode(datagram.getData(), datagram.getLength());
        SocketAddress from = datagram.getSocketAddress();
        if (packet.type() == ViscaPacket.CONTROL) {
            expected = 0;
            lastSequence = -1;
            answer(from, new ViscaPacket(ViscaPacket.CONTROL_REPLY, packet.sequence(), new byte[] {0x01}));
            return;
        }
        if (packet.sequence() == lastSequence) {
            for (byte[] again : lastAnswers) {
                send(from, again);
            }
            return;
        }
        if (strict && packet.sequence() != expected) {
            answer(from, new ViscaPacket(ViscaPacket.CONTROL_REPLY, packet.sequence(), new byte[] {0x0F, 0x01}));
            return;
        }
        expected = packet.sequence() + 1;
        lastSequence = packet.sequence();
        List<byte[]> answers = new ArrayList<>();
        for (ViscaReply reply : execute(packet)) {
            answers.add(new ViscaPacket(ViscaPacket.REPLY, packet.sequence(), reply.encode()).encode());
        }
        lastAnswers = answers;
        for (byte[] a : answers) {
            send(from, a);
        }
    }

    /** Runs a VISCA message and gives the replies a camera would send. */
    private List<ViscaReply> execute(ViscaPacket packet) {
        byte[] m = packet.payload();
        ViscaReply ack = new ViscaReply(ViscaReply.Kind.ACK, 1, 0, new byte[0]);
        ViscaReply done = new ViscaReply(ViscaReply.Kind.COMPLETION, 1, 0, new byte[0]);
        ViscaReply syntax = new ViscaReply(ViscaReply.Kind.ERROR, 1, ViscaReply.SYNTAX, new byte[0]);
        if (m.length < 4 || (m[0] & 0xFF) != 0x81 || (m[m.length - 1] & 0xFF) != 0xFF) {
            return List.of(syntax);
        }
        if (packet.type() == ViscaPacket.INQUIRY) {
            if (matches(m, 0x81, 0x09, 0x06, 0x12, 0xFF)) {
                int[] p = ViscaCommand.nibbles(pan);
                int[] t = ViscaCommand.nibbles(tilt);
                return List.of(new ViscaReply(ViscaReply.Kind.COMPLETION, 0, 0,
                        bytes(p[0], p[1], p[2], p[3], t[0], t[1], t[2], t[3])));
            }
            if (matches(m, 0x81, 0x09, 0x04, 0x47, 0xFF)) {
                int[] z = ViscaCommand.nibbles(zoom);
                return List.of(new ViscaReply(ViscaReply.Kind.COMPLETION, 0, 0, bytes(z[0], z[1], z[2], z[3])));
            }
            return List.of(new ViscaReply(ViscaReply.Kind.ERROR, 0, ViscaReply.SYNTAX, new byte[0]));
        }
        int category = (m[2] & 0xFF) << 8 | (m[3] & 0xFF);
        boolean known = true;
        switch (category) {
            case 0x0601 -> known = m.length == 9;
            case 0x0602, 0x0603 -> {
                if (m.length != 15) {
                    known = false;
                    break;
                }
                int p = ViscaCommand.fromNibbles(m, 6);
                int t = ViscaCommand.fromNibbles(m, 10);
                pan = (m[3] == 0x02 ? 0 : pan) + p;
                tilt = (m[3] == 0x02 ? 0 : tilt) + t;
            }
            case 0x0604 -> {
                pan = 0;
                tilt = 0;
            }
            case 0x0447 -> {
                if (m.length != 9) {
                    known = false;
                    break;
                }
                zoom = ViscaCommand.fromNibbles(m, 4) & 0xFFFF;
            }
            case 0x0407 -> known = m.length == 6;
            case 0x043F -> {
                if (m.length != 7) {
                    known = false;
                    break;
                }
                int number = m[5] & 0xFF;
                switch (m[4]) {
                    case 0x00 -> presets.remove(number);
                    case 0x01 -> presets.put(number, new PtzPosition(pan, tilt, zoom));
                    case 0x02 -> {
                        PtzPosition p = presets.getOrDefault(number, new PtzPosition(0, 0, 0));
                        pan = p.pan();
                        tilt = p.tilt();
                        zoom = p.zoom();
                    }
                    default -> known = false;
                }
            }
            default -> known = false;
        }
        if (!known) {
            return List.of(syntax);
        }
        executed.add(ViscaCommand.parse(m, false));
        return List.of(ack, done);
    }

    private static boolean matches(byte[] m, int... expected) {
        if (m.length != expected.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if ((m[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private void answer(SocketAddress to, ViscaPacket packet) throws IOException {
        send(to, packet.encode());
    }

    private void send(SocketAddress to, byte[] data) throws IOException {
        if (dropOutgoing > 0) {
            dropOutgoing--;
            return;
        }
        socket.send(new DatagramPacket(data, data.length, to));
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
