package org.ketang.agent.protocol;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;

/**
 * Wake-on-LAN: the magic packet (6 × 0xFF, then the target's MAC 16 times) sent by UDP broadcast, so that this
 * agent can wake another machine of its subnet for the platform.
 */
public final class WakeOnLan {

    /** The usual port. */
    public static final int PORT = 9;

    private WakeOnLan() {
    }

    /** The 102-byte magic packet for {@code mac} ({@code aa:bb:cc:dd:ee:ff} or with dashes). */
    public static byte[] packet(String mac) {
        String hex = mac.replace(":", "").replace("-", "").trim();
        if (!hex.matches("[0-9A-Fa-f]{12}")) {
            throw new IllegalArgumentException("Not a MAC address: " + mac);
        }
        byte[] address = new byte[6];
        for (int i = 0; i < 6; i++) {
            address[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        byte[] packet = new byte[6 + 16 * 6];
        for (int i = 0; i < 6; i++) {
            packet[i] = (byte) 0xFF;
        }
        for (int i = 0; i < 16; i++) {
            System.arraycopy(address, 0, packet, 6 + i * 6, 6);
        }
        return packet;
    }

    /** Sends the magic packet for {@code mac} to {@code broadcast}:{@code port}. */
    public static void send(String mac, InetAddress broadcast, int port) throws IOException {
        byte[] packet = packet(mac);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            socket.send(new DatagramPacket(packet, packet.length, broadcast, port));
        }
    }

    /** The broadcast address of {@code ip}/{@code prefix} (e.g. 10.1.2.3/24 → 10.1.2.255). */
    public static InetAddress broadcastOf(String ip, int prefix) throws IOException {
        byte[] address = InetAddress.getByName(ip).getAddress();
        int value = ((address[0] & 0xFF) << 24) | ((address[1] & 0xFF) << 16) | ((address[2] & 0xFF) << 8)
                | (address[3] & 0xFF);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        int broadcast = value | ~mask;
        return InetAddress.getByAddress(new byte[] {(byte) (broadcast >>> 24), (byte) (broadcast >>> 16),
                (byte) (broadcast >>> 8), (byte) broadcast});
    }
}
