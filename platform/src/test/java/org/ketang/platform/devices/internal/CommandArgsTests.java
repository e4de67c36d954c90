package org.ketang.platform.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ketang.agent.protocol.CommandType;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.http.ApiProblem;

class CommandArgsTests {

    static void ok(CommandType type, Map<String, String> args) {
        assertThatCode(() -> CommandArgs.check(type, args, DeviceKind.RECORDER)).doesNotThrowAnyException();
    }

    static void refused(CommandType type, Map<String, String> args, String slug) {
        assertThatThrownBy(() -> CommandArgs.check(type, args, DeviceKind.RECORDER))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.slug())
                        .isEqualTo(slug));
    }

    @Test
    void startRecordingTakesAnOptionalTitleAndLength() {
        ok(CommandType.START_RECORDING, Map.of());
        ok(CommandType.START_RECORDING, Map.of("title", "公开课", "minutes", "45"));
        refused(CommandType.START_RECORDING, Map.of("minutes", "0"), "validation");
        refused(CommandType.START_RECORDING, Map.of("minutes", "soon"), "validation");
        refused(CommandType.START_RECORDING, Map.of("title", "x".repeat(201)), "validation");
    }

    @Test
    void extendingNeedsMinutesUpToFourHours() {
        ok(CommandType.EXTEND_RECORDING, Map.of("minutes", "240"));
        refused(CommandType.EXTEND_RECORDING, Map.of(), "validation");
        refused(CommandType.EXTEND_RECORDING, Map.of("minutes", "241"), "validation");
    }

    @Test
    void wakeOnLanNeedsAMacAndAtMostAnIpv4Broadcast() {
        ok(CommandType.WAKE_ON_LAN, Map.of("mac", "aa:bb:cc:dd:ee:ff"));
        ok(CommandType.WAKE_ON_LAN, Map.of("mac", "AA-BB-CC-DD-EE-FF", "broadcast", "192.168.1.255"));
        refused(CommandType.WAKE_ON_LAN, Map.of("mac", "aa:bb:cc:dd:ee"), "validation");
        refused(CommandType.WAKE_ON_LAN, Map.of("mac", "aa:bb:cc:dd:ee:ff", "broadcast", "256.1.1.1"), "validation");
    }

    @Test
    void applyConfigNeedsAVersionAndAJsonObject() {
        ok(CommandType.APPLY_CONFIG, Map.of("version", "7", "config", "{\"bitrate\":4000}"));
        refused(CommandType.APPLY_CONFIG, Map.of("config", "{}"), "validation");
        refused(CommandType.APPLY_CONFIG, Map.of("version", "7", "config", "bitrate=4000"), "validation");
    }

    @Test
    void argumentNamesAreSimpleWords() {
        refused(CommandType.REBOOT, Map.of("rm -rf", "/"), "validation");
        ok(CommandType.REBOOT, Map.of("reason", "update"));
    }

    @Test
    void aDisplayTakesNoRecordingCommands() {
        assertThatThrownBy(() -> CommandArgs.check(CommandType.LIVE_ON, Map.of(), DeviceKind.DISPLAY))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.slug())
                        .isEqualTo("not-a-recorder"));
        assertThatCode(() -> CommandArgs.check(CommandType.SHUTDOWN, Map.of(), DeviceKind.DISPLAY))
                .doesNotThrowAnyException();
    }
}
