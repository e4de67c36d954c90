package org.ketang.recorder.storage;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.RecordingStatus;

/**
 * Keeps the library within its {@link Quota}: evicts the oldest confirmed recordings — each only after the platform
 * has just answered that it holds the recording with the same SHA-256 — and, when that is not enough, raises
 * {@link AgentAlert.Kind#DISK_LOW} once and refuses new recordings until space is back. An unconfirmed recording is
 * never deleted, offline or not.
 */
public final class StorageGuard {

    private static final System.Logger log = System.getLogger(StorageGuard.class.getName());

    /** Asks the platform what it holds of a recording ({@code GET} of the recording path); empty when unreachable. */
    @FunctionalInterface
    public interface Confirmations {
        Optional<RecordingStatus> status(String recordingId) throws IOException;
    }

    /**
     * The space situation after a check.
     *
     * @param freeBytes    free on the volume
     * @param totalBytes   size of the volume
     * @param reserveBytes what the quota wants free
     * @param low          the quota is not met now (after evicting what could be confirmed)
     * @param evicted      recordings removed by this check
     */
    public record Space(long freeBytes, long totalBytes, long reserveBytes, boolean low, int evicted) {
    }

    private final RecordingLibrary library;
    private final Volume volume;
    private final Supplier<Quota> quota;
    private final Confirmations platform;
    private final Consumer<AgentAlert> alerts;
    private final Clock clock;
    private volatile Space last = new Space(0, 0, 0, false, 0);
    private boolean alerted;

    public StorageGuard(RecordingLibrary library, Volume volume, Supplier<Quota> quota, Confirmations platform,
            Consumer<AgentAlert> alerts, Clock clock) {
        this.library = library;
        this.volume = volume;
        this.quota = quota;
        this.platform = platform;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Evicts what may and must go, then says how things stand. */
    public synchronized Space check() throws IOException {
        Quota rules = quota.get();
        Quota.Plan plan = rules.plan(library.all(), volume.freeBytes(), volume.totalBytes(), library.totalBytes());
        int evicted = 0;
        for (String id : plan.evict()) {
            Optional<Recording> found = library.find(id);
            if (found.isEmpty()) {
                continue;
            }
            Optional<RecordingStatus> status;
            try {
                status = platform.status(id);
            } catch (IOException unreachable) {
                log.log(System.Logger.Level.INFO, "Cannot confirm " + id + " with the platform; nothing is evicted: "
                        + unreachable.getMessage());
                break;
            }
            if (status.isEmpty()) {
                break;
            }
            Recording checked = found.get().withStatus(status.get());
            library.save(checked);
            if (checked.evictable()) {
                library.delete(id);
                evicted++;
                log.log(System.Logger.Level.INFO, "Evicted " + id + " (" + checked.bytes()
                        + " bytes; the platform holds it with the same SHA-256)");
            } else {
                log.log(System.Logger.Level.WARNING, "Kept " + id + ": the platform no longer confirms it");
            }
        }
        long free = volume.freeBytes();
        long total = volume.totalBytes();
        Quota.Plan after = rules.plan(library.all(), free, total, library.totalBytes());
        // the rules are not met right now (whatever could still be evicted once the platform confirms it)
        boolean low = !after.evict().isEmpty() || !after.enough();
        Space space = new Space(free, total, rules.reserve(total), low, evicted);
        if (low) {
            alertLow(rules, free, total);
        } else {
            alerted = false;
        }
        last = space;
        return space;
    }

    /** DISK_LOW, once per episode. */
    private void alertLow(Quota rules, long free, long total) {
        if (alerted) {
            return;
        }
        long unconfirmed = library.all().stream().filter(r -> !r.evictable()).count();
        alerts.accept(new AgentAlert(AgentAlert.Kind.DISK_LOW, String.format(java.util.Locale.ROOT,
                "磁盘空间不足，暂停新的录制 / Disk space low, new recordings refused: %.1f GB free of %.1f GB"
                        + " (keep %.1f GB); %d recording(s) not yet confirmed by the platform are kept",
                free / 1e9, total / 1e9, rules.reserve(total) / 1e9, unconfirmed), clock.instant()));
        alerted = true;
    }

    /** The result of the last check. */
    public Space last() {
        return last;
    }

    /**
     * Whether a new recording may start, decided locally (no network, so a start never waits for the platform):
     * no when the quota is not met and nothing confirmed is left to evict — then DISK_LOW is raised once. When
     * something confirmed could go, the recording starts and the periodic {@link #check} evicts it.
     */
    public synchronized boolean mayStartRecording() {
        try {
            Quota rules = quota.get();
            long free = volume.freeBytes();
            long total = volume.totalBytes();
            Quota.Plan plan = rules.plan(library.all(), free, total, library.totalBytes());
            boolean refuse = !plan.enough() && plan.evict().isEmpty();
            if (refuse) {
                last = new Space(free, total, rules.reserve(total), true, 0);
                alertLow(rules, free, total);
            }
            return !refuse;
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "Cannot read disk space: " + e.getMessage());
            return true;
        }
    }

    /** Whether free space is below the emergency floor, where a running recording must stop cleanly. */
    public boolean emergency(long emergencyFreeBytes) throws IOException {
        return volume.freeBytes() < emergencyFreeBytes;
    }
}
