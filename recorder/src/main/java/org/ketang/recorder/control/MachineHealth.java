package org.ketang.recorder.control;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.Health;
import org.ketang.recorder.storage.Volume;

/**
 * The box's health from Linux: CPU use between two readings of {@code /proc/stat}, memory from
 * {@code /proc/meminfo}, the highest {@code /sys/class/thermal/thermal_zone*}/temp, free space of the recording
 * volume. What cannot be read is reported as 0 (or null for the temperature).
 */
public final class MachineHealth {

    private final Path proc;
    private final Path thermal;
    private final Volume volume;
    private final long startedNanos = System.nanoTime();
    private long lastIdle = -1;
    private long lastTotal = -1;

    public MachineHealth(Volume volume) {
        this(Path.of("/proc"), Path.of("/sys/class/thermal"), volume);
    }

    MachineHealth(Path proc, Path thermal, Volume volume) {
        this.proc = proc;
        this.thermal = thermal;
        this.volume = volume;
    }

    /** A reading now (CPU use since the previous reading). */
    public synchronized Health read() {
        long memTotal = 0;
        long memAvailable = 0;
        try {
            for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memTotal = kib(line);
                } else if (line.startsWith("MemAvailable:")) {
                    memAvailable = kib(line);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or hidden
        }
        long free = 0;
        long total = 0;
        try {
            free = volume.freeBytes();
            total = volume.totalBytes();
        } catch (IOException unreadable) {
            // reported as 0
        }
        return new Health(cpuPercent(), Math.max(0, memTotal - memAvailable), memTotal, free, total, temperature(),
                (System.nanoTime() - startedNanos) / 1_000_000_000L);
    }

    private double cpuPercent() {
        try {
            String cpu = Files.readAllLines(proc.resolve("stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            double percent = 0;
            if (lastTotal >= 0 && total > lastTotal) {
                percent = 100.0 * (1 - (double) (idle - lastIdle) / (total - lastTotal));
            }
            lastIdle = idle;
            lastTotal = total;
            return Math.max(0, Math.min(100, Math.round(percent * 10) / 10.0));
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    private @Nullable Double temperature() {
        Double highest = null;
        if (!Files.isDirectory(thermal)) {
            return null;
        }
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(thermal, "thermal_zone*")) {
            for (Path zone : zones) {
                try {
                    List<String> lines = Files.readAllLines(zone.resolve("temp"));
                    double celsius = Long.parseLong(lines.get(0).trim()) / 1000.0;
                    if (celsius > -50 && celsius < 150 && (highest == null || celsius > highest)) {
                        highest = celsius;
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // some zones cannot be read
                }
            }
        } catch (IOException unreadable) {
            return null;
        }
        return highest;
    }

    private static long kib(String line) {
        String[] f = line.trim().split("\\s+");
        return Long.parseLong(f[1]) * 1024;
    }
}
