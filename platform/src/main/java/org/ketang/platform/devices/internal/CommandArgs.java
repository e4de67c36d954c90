package org.ketang.platform.devices.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.CommandType;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.http.ApiProblem;
import org.springframework.http.HttpStatus;

/** The arguments each {@link CommandType} takes, checked before a command is stored (see the protocol's javadoc). */
final class CommandArgs {

    /** Commands that only a recorder understands. */
    static final Set<CommandType> RECORDER_ONLY = EnumSet.of(CommandType.START_RECORDING, CommandType.STOP_RECORDING,
            CommandType.EXTEND_RECORDING, CommandType.LIVE_ON, CommandType.LIVE_OFF, CommandType.USB_EXPORT);

    /** The longest a recording may be planned or extended by, in minutes (a booking is at most 4 hours too). */
    static final int MAX_MINUTES = 240;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private CommandArgs() {
    }

    /** Throws a 400 (or 409 for a command the device cannot run) problem unless {@code args} suit {@code type}. */
    static void check(CommandType type, Map<String, String> args, DeviceKind kind) {
        if (kind != DeviceKind.RECORDER && RECORDER_ONLY.contains(type)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "not-a-recorder", "该设备不是录播主机，不能执行" + type.name(),
                    "This device is not a recorder and cannot run " + type.name());
        }
        for (var e : args.entrySet()) {
            if (!KEY.matcher(e.getKey()).matches() || e.getValue() == null) {
                throw invalid("参数名无效：" + e.getKey(), "Invalid argument name: " + e.getKey());
            }
        }
        switch (type) {
            case START_RECORDING -> {
                optionalText(args, "title", 200);
                minutes(args, false);
            }
            case EXTEND_RECORDING -> minutes(args, true);
            case APPLY_CONFIG -> {
                required(args, "version", 64);
                String config = required(args, "config", 15_000).strip();
                if (!config.startsWith("{") || !config.endsWith("}")) {
                    throw invalid("config 必须是 JSON 对象", "config must be a JSON object");
                }
            }
            case WAKE_ON_LAN -> {
                if (!MAC.matcher(required(args, "mac", 17)).matches()) {
                    throw invalid("mac 必须形如 aa:bb:cc:dd:ee:ff", "mac must look like aa:bb:cc:dd:ee:ff");
                }
                String broadcast = optionalText(args, "broadcast", 15);
                if (broadcast != null && !IPV4.matcher(broadcast).matches()) {
                    throw invalid("broadcast 必须是 IPv4 地址", "broadcast must be an IPv4 address");
                }
                String port = optionalText(args, "port", 5);
                if (port != null && !port.strip().matches("[1-9]\\d{0,4}") || port != null
                        && Integer.parseInt(port.strip()) > 65_535) {
                    throw invalid("port 必须是 1 到 65535 之间的端口", "port must be from 1 to 65535");
                }
            }
            case USB_EXPORT -> {
                required(args, "recordingIds", 4000);
                optionalText(args, "target", 500);
            }
            default -> {
                // STOP_RECORDING, LIVE_ON, LIVE_OFF, REBOOT, SHUTDOWN take no arguments
            }
        }
    }

    private static void minutes(Map<String, String> args, boolean needed) {
        String text = needed ? required(args, "minutes", 4) : optionalText(args, "minutes", 4);
        if (text == null) {
            return;
        }
        int minutes;
        try {
            minutes = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw invalid("minutes 必须是 1 到 " + MAX_MINUTES + " 之间的整数",
                    "minutes must be a whole number from 1 to " + MAX_MINUTES);
        }
    }

    private static String required(Map<String, String> args, String name, int max) {
        String value = optionalText(args, name, max);
        if (value == null) {
            throw invalid("缺少参数 " + name, "The argument " + name + " is required");
        }
        return value;
    }

    private static @Nullable String optionalText(Map<String, String> args, String name, int max) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw invalid("参数 " + name + " 太长（最多 " + max + " 个字符）",
                    "The argument " + name + " is too long (at most " + max + " characters)");
        }
        return value;
    }

    private static ApiProblem invalid(String zh, String en) {
        return ApiProblem.invalid(zh, en);
    }
}
