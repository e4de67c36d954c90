package org.ketang.recorder.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.CommandType;
import org.ketang.agent.protocol.WakeOnLan;
import org.ketang.recorder.MutableClock;

class CommandRunnerTests {

    static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

    @TempDir
    Path data;
    MutableClock clock = new MutableClock(NOW);
    List<CommandResult> posted = new ArrayList<>();
    boolean online = true;
    AtomicInteger starts = new AtomicInteger();

    CommandRunner runner() throws IOException {
        return new CommandRunner(new ExecutedCommands(data.resolve("commands.json")), outbox(), clock, result -> {
            if (!online) {
                throw new IOException("offline");
            }
            posted.add(result);
        }).on(CommandType.START_RECORDING, c -> {
            starts.incrementAndGet();
            return CommandRunner.Outcome.done("recording r-1 started");
        });
    }

    Outbox outbox() throws IOException {
        return new Outbox(data.resolve("outbox.json"));
    }

    static Command command(String id, CommandType type, Instant expires) {
        return new Command(id, type, Map.of(), NOW.minusSeconds(5), expires);
    }

    @Test
    void aCommandDeliveredTwiceRunsOnceEvenAcrossARestart() throws Exception {
        Command start = command("c1", CommandType.START_RECORDING, NOW.plusSeconds(60));
        CommandRunner runner = runner();

        runner.accept(List.of(start));
        runner.accept(List.of(start));
        runner.drain(5000);
        runner.run(start);
        runner.close();
        CommandRunner restarted = runner();
        restarted.run(start);

        assertThat(starts).hasValue(1);
        assertThat(posted).extracting(CommandResult::commandId).containsExactly("c1");
        assertThat(posted.get(0).ok()).isTrue();
        assertThat(posted.get(0).message()).isEqualTo("recording r-1 started");
    }

    @Test
    void anExpiredCommandIsNotRunButReportedExpired() throws Exception {
        clock.set(NOW.plusSeconds(61));
        runner().run(command("c2", CommandType.START_RECORDING, NOW.plusSeconds(60)));

        assertThat(starts).hasValue(0);
        assertThat(posted).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.message()).contains("expired");
        });
    }

    @Test
    void aResultThatCannotBePostedWaitsInTheOutboxForTheHeartbeat() throws Exception {
        online = false;
        CommandRunner runner = runner();
        runner.run(command("c3", CommandType.START_RECORDING, NOW.plusSeconds(60)));

        Outbox.Snapshot pending = outbox().snapshot();
        assertThat(pending.results()).extracting(CommandResult::commandId).containsExactly("c3");
        Outbox outbox = outbox();
        outbox.delivered(outbox.snapshot());
        assertThat(outbox().snapshot().results()).isEmpty();
    }

    @Test
    void unknownCommandsAndFailuresAreReportedAsFailed() throws Exception {
        CommandRunner runner = runner().on(CommandType.LIVE_ON, c -> {
            throw new IllegalStateException("没有信号 / no signal");
        });
        runner.run(command("c4", CommandType.SHUTDOWN, null));
        runner.run(command("c5", CommandType.LIVE_ON, null));

        assertThat(posted).extracting(CommandResult::ok).containsExactly(false, false);
        assertThat(posted.get(0).message()).contains("SHUTDOWN");
        assertThat(posted.get(1).message()).contains("no signal");
    }

    @Test
    void workAfterTheAcknowledgementRunsAfterTheResultWasPosted() throws Exception {
        List<String> order = new ArrayList<>();
        CommandRunner runner = new CommandRunner(new ExecutedCommands(data.resolve("c.json")), outbox(), clock,
                result -> order.add("result")).on(CommandType.REBOOT,
                        c -> new CommandRunner.Outcome(true, "rebooting", () -> order.add("reboot")));

        runner.run(command("c6", CommandType.REBOOT, null));

        assertThat(order).containsExactly("result", "reboot");
    }

    @Test
    void theMagicPacketIsSixFfThenTheMacSixteenTimes() throws Exception {
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(5000);
            WakeOnLan.send("AA:bb:cc:11:22:33", InetAddress.getLoopbackAddress(), listener.getLocalPort());
            DatagramPacket packet = new DatagramPacket(new byte[512], 512);
            listener.receive(packet);

            assertThat(packet.getLength()).isEqualTo(102);
            byte[] bytes = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            for (int i = 0; i < 6; i++) {
                assertThat(bytes[i]).isEqualTo((byte) 0xFF);
            }
            byte[] mac = {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC, 0x11, 0x22, 0x33};
            for (int i = 0; i < 16; i++) {
                assertThat(java.util.Arrays.copyOfRange(bytes, 6 + 6 * i, 12 + 6 * i)).isEqualTo(mac);
            }
        }
        assertThat(WakeOnLan.broadcastOf("10.1.2.3", 24).getHostAddress()).isEqualTo("10.1.2.255");
        assertThat(WakeOnLan.broadcastOf("172.16.5.9", 20).getHostAddress()).isEqualTo("172.16.15.255");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WakeOnLan.packet("not-a-mac"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHealthOfTheBoxIsRead() {
        MachineHealth health = new MachineHealth(new org.ketang.recorder.storage.Volume() {
            @Override
            public long freeBytes() {
                return 5;
            }

            @Override
            public long totalBytes() {
                return 10;
            }
        });
        health.read();
        org.ketang.agent.protocol.Health reading = health.read();
        assertThat(reading.memoryTotalBytes()).isPositive();
        assertThat(reading.memoryUsedBytes()).isBetween(1L, reading.memoryTotalBytes());
        assertThat(reading.cpuPercent()).isBetween(0.0, 100.0);
        assertThat(reading.diskFreeBytes()).isEqualTo(5);
        assertThat(Duration.ofSeconds(reading.uptimeSeconds())).isLessThan(Duration.ofMinutes(5));
    }
}
