package org.ketang.platform.devices.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.CommandType;
import org.ketang.agent.protocol.WakeOnLan;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Powering rooms on: a Wake-on-LAN magic packet sent by the platform itself to the room's subnet broadcast address
 * (computed from the IP and netmask the device last reported; {@code ketang.devices.wake-on-lan-broadcast} overrides
 * it), and/or relayed by another online recorder in the same subnet with a WAKE_ON_LAN command (the usual way when
 * the platform sits in another subnet and routers drop directed broadcasts). Every wake is recorded as a command of
 * the device, so it is audited and shows in the action log. Never throws for a device that cannot be woken: the
 * answer says why, so that one room does not spoil a bulk action.
 */
@Service
public class Power {

    private static final Logger log = LoggerFactory.getLogger(Power.class);

    /** How a wake goes out. */
    public enum Via {
        /** The platform's own packet, and a relay's too when an online agent shares the room's subnet. */
        AUTO,
        /** Only the platform's own packet. */
        PLATFORM,
        /** Only through an online agent of the same subnet. */
        RELAY
    }

    /**
     * What a wake did.
     *
     * @param directTo      where the platform sent its packet ({@code address:port}), or null when it did not
     * @param relayDeviceId the agent asked to relay, or null
     * @param commandId     the relay's command, or the record of the direct send
     */
    public record Wake(long deviceId, boolean ok, String message, @Nullable String directTo,
            @Nullable Long relayDeviceId, @Nullable String commandId) {
    }

    private final Commands commands;
    private final DeviceRegistry registry;
    private final StatusBoard board;
    private final DeviceSettings settings;
    private final Clock clock = Clock.systemUTC();

    Power(Commands commands, DeviceRegistry registry, StatusBoard board, DeviceSettings settings) {
        this.commands = commands;
        this.registry = registry;
        this.board = board;
        this.settings = settings;
    }

    /** Wakes {@code target} (whose control the caller checked). */
    public Wake wake(Commands.Issuer issuer, Device target, Via via, @Nullable String ip, @Nullable Long batchId) {
        if (!target.inService()) {
            return new Wake(target.id(), false, "设备已退役 / the device is retired", null, null, null);
        }
        if (target.mac() == null || !target.mac().matches("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}")) {
            return new Wake(target.id(), false, "设备尚未报告 MAC 地址，无法唤醒 / no MAC address known", null, null, null);
        }
        Commands.Link link = new Commands.Link(target.id(), batchId);
        String subnetBroadcast = subnetBroadcast(target).orElse("255.255.255.255");
        String directTo = null;
        String commandId = null;
        boolean ok = false;
        StringBuilder message = new StringBuilder();
        if (via != Via.RELAY) {
            String address = settings.wakeOnLanBroadcast() == null || settings.wakeOnLanBroadcast().isBlank()
                    ? subnetBroadcast : settings.wakeOnLanBroadcast().strip();
            int port = settings.wakeOnLanPort();
            directTo = address + ":" + port;
            boolean sent;
            String said;
            try {
                WakeOnLan.send(target.mac(), InetAddress.getByName(address), port);
                sent = true;
                said = "平台已向 " + directTo + " 发送唤醒包 / magic packet sent to " + directTo;
            } catch (IOException | RuntimeException e) {
                sent = false;
                said = "平台发送唤醒包失败 / sending the magic packet failed: " + e.getMessage();
                log.info("Wake-on-LAN for device {} to {} failed: {}", target.id(), directTo, e.toString());
            }
            Map<String, String> args = new LinkedHashMap<>();
            args.put("mac", target.mac());
            args.put("broadcast", address);
            args.put("port", Integer.toString(port));
            args.put("via", "platform");
            commandId = commands.record(issuer, target, CommandType.WAKE_ON_LAN, args, sent, said, ip, link).id();
            ok = sent;
            message.append(said);
        }
        Long relayId = null;
        if (via != Via.PLATFORM) {
            Optional<Device> relay = relayFor(target);
            if (relay.isPresent()) {
                Map<String, String> args = new LinkedHashMap<>();
                args.put("mac", target.mac());
                args.put("broadcast", subnetBroadcast);
                args.put("port", Integer.toString(settings.wakeOnLanPort()));
                commandId = commands.issue(issuer, relay.get(), CommandType.WAKE_ON_LAN, args, null, ip, link).id();
                relayId = relay.get().id();
                ok = true;
                message.append(message.isEmpty() ? "" : "；").append("已请 ").append(relay.get().name())
                        .append(" 转发唤醒包 / relayed by device #").append(relayId);
            } else if (via == Via.RELAY) {
                message.append("同一网段没有在线的设备可以转发 / no online agent in the same subnet to relay");
            }
        }
        return new Wake(target.id(), ok, message.toString(), directTo, relayId, commandId);
    }

    /**
     * The online recorder, other than {@code target}, that reported an address in the target's subnet (same prefix
     * length and network), the most recently seen first.
     */
    public Optional<Device> relayFor(Device target) {
        Optional<String> network = subnetBroadcast(target);
        if (network.isEmpty()) {
            return Optional.empty();
        }
        List<Device> candidates = registry.inService(DeviceKind.RECORDER, null).stream()
                .filter(d -> d.id() != target.id() && Objects.equals(d.netmask(), target.netmask())
                        && subnetBroadcast(d).equals(network))
                .toList();
        Instant now = clock.instant();
        Map<Long, AgentStatus> statuses = board.of(candidates.stream().map(Device::id).toList());
        return candidates.stream()
                .filter(d -> statuses.containsKey(d.id()) && statuses.get(d.id()).online(now, settings.offlineAfter()))
                .max(Comparator.comparing(d -> statuses.get(d.id()).lastSeenAt()));
    }

    /** The broadcast address of the subnet the device last reported, if it reported an IPv4 address and netmask. */
    static Optional<String> subnetBroadcast(Device device) {
        if (device.ip() == null || device.netmask() == null || !device.ip().matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(WakeOnLan.broadcastOf(device.ip(), device.netmask()).getHostAddress());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
