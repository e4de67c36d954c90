package org.ketang.recorder.control;

import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * The address the box reaches the platform from: the interface's MAC (for Wake-on-LAN), IPv4 address and prefix
 * length (for the subnet's broadcast address). Found by "connecting" a UDP socket towards the platform, which sends
 * nothing but makes the kernel pick the route.
 *
 * @param mac     {@code aa:bb:cc:dd:ee:ff}, or null (loopback, or unreadable)
 * @param ip      dotted IPv4, or null
 * @param netmask prefix length, or null
 */
public record NetworkIdentity(@Nullable String mac, @Nullable String ip, @Nullable Integer netmask) {

    /** The identity of the interface that routes to {@code platform}; all null when it cannot be found. */
    public static NetworkIdentity towards(URI platform) {
        try (DatagramSocket socket = new DatagramSocket()) {
            int port = platform.getPort() > 0 ? platform.getPort() : "https".equals(platform.getScheme()) ? 443 : 80;
            socket.connect(new InetSocketAddress(InetAddress.getByName(platform.getHost()), port));
            InetAddress local = socket.getLocalAddress();
            NetworkInterface nic = NetworkInterface.getByInetAddress(local);
            if (nic == null) {
                return new NetworkIdentity(null, local instanceof Inet4Address ? local.getHostAddress() : null, null);
            }
            Integer prefix = null;
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getAddress().equals(local)) {
                    prefix = (int) address.getNetworkPrefixLength();
                }
            }
            byte[] hardware = nic.getHardwareAddress();
            return new NetworkIdentity(hardware == null || hardware.length != 6 ? null : mac(hardware),
                    local instanceof Inet4Address ? local.getHostAddress() : null, prefix);
        } catch (Exception e) {
            return new NetworkIdentity(null, null, null);
        }
    }

    static String mac(byte[] hardware) {
        StringBuilder mac = new StringBuilder();
        for (byte b : hardware) {
            if (mac.length() > 0) {
                mac.append(':');
            }
            mac.append(String.format("%02x", b & 0xFF));
        }
        return mac.toString();
    }
}
