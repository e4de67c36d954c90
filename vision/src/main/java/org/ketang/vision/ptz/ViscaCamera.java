package org.ketang.vision.ptz;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A PTZ camera on the network, spoken to with VISCA over IP (UDP, port {@value ViscaPacket#PORT} by default).
 *
 * <p>Each message gets the next sequence number; the camera answers with the same number. A command is acknowledged
 * ({@code ACK}) and later completed; {@link #execute} waits for both, {@link #submit} only for the acknowledgement
 * (for tracking, where the next command comes before the move ends). When no answer comes within the timeout the
 * same packet is sent again, up to the retries; when the camera reports a wrong sequence number, the sequence is
 * reset (control message {@code RESET}) and the message sent again. The sequence is reset when connecting.
 *
 * <p>One thread at a time (a camera has two command sockets; the recorder sends from its director thread).
 */
public final class ViscaCamera implements AutoCloseable {

    private final DatagramSocket socket;
    private final Duration timeout;
    private final Duration completion;
    private final int retries;
    private final byte[] buffer = new byte[64];
    private long sequence;

    /**
     * Connects to a camera and resets its sequence number.
     *
     * @param address    the camera (port {@value ViscaPacket#PORT} for most cameras)
     * @param timeout    how long to wait for an answer before sending again (100–300 ms on a LAN)
     * @param completion how long a command may take to complete (a preset recall crosses the room: seconds)
     * @param retries    how often to send again without an answer
     */
    public ViscaCamera(InetSocketAddress address, Duration timeout, Duration completion, int retries)
            throws IOException {
        this.socket = new DatagramSocket();
        this.socket.connect(address);
        this.timeout = timeout;
        this.completion = completion;
        this.retries = retries;
        resetSequence();
    }

    /** A camera at its standard port, with 200 ms answers, 10 s completions and 3 retries. */
    public static ViscaCamera connect(String host) throws IOException {
        return new ViscaCamera(new InetSocketAddress(host, ViscaPacket.PORT), Duration.ofMillis(200),
                Duration.ofSeconds(10), 3);
    }

    /** Sends a command and waits until the camera has completed it (or answers an inquiry). */
    public ViscaReply execute(ViscaCommand command) throws IOException {
        return send(command, true);
    }

    /** Sends a command and waits only for the camera to accept it. */
    public ViscaReply submit(ViscaCommand command) throws IOException {
        return send(command, false);
    }

    /** Moves to a preset and waits until the camera is there. */
    public void recallPreset(int number) throws IOException {
        execute(ViscaCommand.recallPreset(number));
    }

    /** Stores the current position as a preset. */
    public void setPreset(int number) throws IOException {
        execute(ViscaCommand.setPreset(number));
    }

    /** Where the camera points now. */
    public PtzPosition position() throws IOException {
        byte[] panTilt = execute(ViscaCommand.panTiltInquiry()).data();
        byte[] zoom = execute(ViscaCommand.zoomInquiry()).data();
        if (panTilt.length != 8 || zoom.length != 4) {
            throw new PtzException("unexpected position reply", 0);
        }
        return new PtzPosition(ViscaCommand.fromNibbles(panTilt, 0), ViscaCommand.fromNibbles(panTilt, 4),
                ViscaCommand.fromNibbles(zoom, 0) & 0xFFFF);
    }

    /** Resets the camera's sequence number (done when connecting; again after a sequence error). */
    public void resetSequence() throws IOException {
        ViscaPacket reset = ViscaPacket.reset(sequence);
        for (int attempt = 0; attempt <= retries; attempt++) {
            transmit(reset);
            long deadline = System.nanoTime() + timeout.toNanos();
            ViscaPacket reply;
            while ((reply = receive(deadline)) != null) {
                if (reply.type() == ViscaPacket.CONTROL_REPLY) {
                    sequence = 0;
                    return;
                }
            }
        }
        throw new PtzException("the camera did not answer the sequence reset", 0);
    }

    private ViscaReply send(ViscaCommand command, boolean waitForCompletion) throws IOException {
        boolean resetDone = false;
        ViscaPacket packet = ViscaPacket.of(command, sequence);
        sequence = (sequence + 1) & 0xFFFFFFFFL;
        for (int attempt = 0; attempt <= retries; attempt++) {
            transmit(packet);
            long deadline = System.nanoTime() + timeout.toNanos();
            ViscaPacket reply;
            while ((reply = receive(deadline)) != null) {
                if (reply.type() == ViscaPacket.CONTROL_REPLY) {
                    byte[] p = reply.payload();
                    if (p.length >= 2 && p[0] == 0x0F && p[1] == 0x01 && !resetDone) {
                        // the camera expected another sequence number: reset, then send again as message 0
                        resetSequence();
                        resetDone = true;
                        packet = ViscaPacket.of(command, sequence);
                        sequence = (sequence + 1) & 0xFFFFFFFFL;
                        attempt = -1;
                        break;
                    }
                    continue;
                }
                if (reply.type() != ViscaPacket.REPLY || reply.sequence() != packet.sequence()) {
                    continue;
                }
                ViscaReply answer = ViscaReply.parse(reply.payload());
                switch (answer.kind()) {
                    case ERROR -> throw new PtzException(String.format("camera error %02x for %s", answer.error(),
                            command), answer.error());
                    case COMPLETION -> {
                        return answer;
                    }
                    case ACK -> {
                        if (!waitForCompletion) {
                            return answer;
                        }
                        return awaitCompletion(packet.sequence(), command);
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        throw new PtzException("no answer from the camera to " + command + " after " + (retries + 1) + " tries", 0);
    }

    private ViscaReply awaitCompletion(long expected, ViscaCommand command) throws IOException {
        long deadline = System.nanoTime() + completion.toNanos();
        ViscaPacket reply;
        while ((reply = receive(deadline)) != null) {
            if (reply.type() != ViscaPacket.REPLY || reply.sequence() != expected) {
                continue;
            }
            ViscaReply answer = ViscaReply.parse(reply.payload());
            if (answer.kind() == ViscaReply.Kind.COMPLETION) {
                return answer;
            }
            if (answer.kind() == ViscaReply.Kind.ERROR) {
                throw new PtzException(String.format("camera error %02x for %s", answer.error(), command),
                        answer.error());
            }
        }
        throw new PtzException("the camera did not complete " + command, 0);
    }

    private void transmit(ViscaPacket packet) throws IOException {
        byte[] data = packet.encode();
        socket.send(new DatagramPacket(data, data.length));
    }

    /** The next packet, or null at the deadline. Malformed datagrams are skipped. */
    private ViscaPacket receive(long deadline) throws IOException {
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                return null;
            }
            try {
                return ViscaPacket.decode(datagram.getData(), datagram.getLength());
            } catch (IllegalArgumentException e) {
                // not VISCA over IP: ignore
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
