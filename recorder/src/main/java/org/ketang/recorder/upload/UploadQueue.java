package org.ketang.recorder.upload;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.agent.protocol.RecordingStatus;
import org.ketang.recorder.AgentSettings;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

import io.tus.java.client.ProtocolException;

/**
 * Uploads finished recordings one after another, oldest first, in the configured time window and within the
 * bandwidth limit; after a failure it waits (2 s, 4 s, … up to 5 min, with jitter) and resumes where the server
 * stands. After the last byte the recording is {@code UPLOADED}; the queue then asks the platform now and then
 * until it confirms the recording (same SHA-256), which makes the local copy evictable.
 */
public final class UploadQueue implements AutoCloseable {

    private static final System.Logger log = System.getLogger(UploadQueue.class.getName());
    private static final int ALERT_AFTER_FAILURES = 5;
    private static final Duration CONFIRM_EVERY = Duration.ofSeconds(20);

    /** Asks the platform what it holds of a recording. */
    @FunctionalInterface
    public interface Confirmations {
        RecordingStatus status(String recordingId) throws IOException;
    }

    private final RecordingLibrary library;
    private final RecordingUploader uploader;
    private final Supplier<AgentSettings.Upload> settings;
    private final Supplier<Boolean> enrolled;
    private final Confirmations platform;
    private final Consumer<AgentAlert> alerts;
    private final Runnable changed;
    private final Clock clock;
    private final ZoneId zone;
    private final Thread worker;
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Long> notBefore = new HashMap<>();
    private final Object signal = new Object();
    private long lastConfirmNanos;
    private volatile boolean closed;
    private volatile @Nullable String problem;

    public UploadQueue(RecordingLibrary library, RecordingUploader uploader, Supplier<AgentSettings.Upload> settings,
            Supplier<Boolean> enrolled, Confirmations platform, Consumer<AgentAlert> alerts, Runnable changed,
            Clock clock, ZoneId zone) {
        this.library = library;
        this.uploader = uploader;
        this.settings = settings;
        this.enrolled = enrolled;
        this.platform = platform;
        this.alerts = alerts;
        this.changed = changed;
        this.clock = clock;
        this.zone = zone;
        this.worker = new Thread(this::work, "uploads");
        worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    /** There may be new work (a recording finished, the box was enrolled, settings changed). */
    public void poke() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Whether an upload is running now. */
    public boolean uploading() {
        return uploader.progress() != null;
    }

    /** The running upload's progress, or null. */
    public RecordingUploader.@Nullable Progress progress() {
        return uploader.progress();
    }

    /** Why uploads are not moving, or null. */
    public @Nullable String problem() {
        return problem;
    }

    private void work() {
        while (!closed) {
            try {
                if (!step()) {
                    synchronized (signal) {
                        signal.wait(5000);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.ERROR, "Upload queue failed: " + e, e);
                sleep(5000);
            }
        }
    }

    /** One step; false when there was nothing to do now. */
    boolean step() {
        if (!enrolled.get()) {
            problem = null;
            return false;
        }
        UploadWindow window = UploadWindow.parse(settings.get().window());
        Optional<Recording> next = library.all().stream().filter(Recording::awaitingUpload)
                .filter(r -> notBefore.getOrDefault(r.id(), 0L) <= System.nanoTime()).findFirst();
        if (next.isPresent()) {
            if (!window.allows(clock.instant(), zone)) {
                problem = "等待上传时段 " + window + " / waiting for the upload window " + window;
                confirmUploaded();
                return false;
            }
            upload(next.get(), window);
            return true;
        }
        problem = null;
        confirmUploaded();
        return false;
    }

    private void upload(Recording recording, UploadWindow window) {
        BandwidthLimiter limiter = new BandwidthLimiter(settings.get().bandwidthBytesPerSecond(),
                BandwidthLimiter.Ticker.SYSTEM);
        try {
            log.log(System.Logger.Level.INFO, "Uploading " + recording.id()
                    + (recording.uploadUrl() != null ? " (resuming " + recording.uploadUrl() + ")" : ""));
            changed.run();
            uploader.upload(recording, limiter, () -> !closed && window.allows(clock.instant(), zone));
            failures.remove(recording.id());
            notBefore.remove(recording.id());
            problem = null;
            log.log(System.Logger.Level.INFO, "Uploaded " + recording.id());
            changed.run();
        } catch (RecordingUploader.Paused paused) {
            log.log(System.Logger.Level.INFO, "Upload of " + recording.id() + " " + paused.getMessage());
        } catch (IOException | ProtocolException | RuntimeException e) {
            int n = failures.merge(recording.id(), 1, Integer::sum);
            long delay = Math.min(300_000L, 1000L << Math.min(n, 9));
            delay += ThreadLocalRandom.current().nextLong(delay / 4 + 1);
            notBefore.put(recording.id(), System.nanoTime() + delay * 1_000_000);
            problem = "上传失败，" + delay / 1000 + " 秒后重试 / upload failed, retrying in " + delay / 1000 + " s: "
                    + e.getMessage();
            log.log(System.Logger.Level.WARNING, "Upload of " + recording.id() + " failed (" + n + "): " + e);
            if (n == ALERT_AFTER_FAILURES) {
                alerts.accept(new AgentAlert(AgentAlert.Kind.UPLOAD_FAILED, "录制 " + recording.id() + " 上传多次失败"
                        + " / upload of " + recording.id() + " keeps failing: " + e.getMessage(), clock.instant()));
            }
            changed.run();
        }
    }

    /** Asks the platform about uploaded recordings it has not confirmed yet. */
    private void confirmUploaded() {
        if (System.nanoTime() - lastConfirmNanos < CONFIRM_EVERY.toNanos() && lastConfirmNanos != 0) {
            return;
        }
        lastConfirmNanos = System.nanoTime();
        for (Recording r : library.all()) {
            if (r.phase() != org.ketang.agent.protocol.RecordingReport.Phase.UPLOADED || r.confirmed()) {
                continue;
            }
            try {
                RecordingStatus status = platform.status(r.id());
                Optional<Recording> now = library.update(r.id(), x -> x.withStatus(status));
                if (now.isPresent() && now.get().confirmed()) {
                    log.log(System.Logger.Level.INFO, "The platform confirmed " + r.id());
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        poke();
        try {
            // a running upload pauses at its next chunk; interrupting it could tear a sidecar write
            worker.join(10_000);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
