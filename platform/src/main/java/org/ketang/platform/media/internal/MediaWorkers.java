package org.ketang.platform.media.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.media.MediaLibrary.AssetState;
import org.ketang.platform.media.internal.MediaQueue.Asset;
import org.ketang.platform.media.internal.MediaQueue.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In-process workers: at most {@code max-concurrent-jobs} jobs at a time on this node. They claim jobs from the
 * database queue, renew a lease while ffmpeg runs (storing progress at the same time, about once a second), and
 * re-queue jobs of nodes whose lease expired — so a killed server's work resumes on the next start.
 */
@Component
class MediaWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MediaWorkers.class);

    /** A job running on this node. */
    private static final class Running {
        final Job job;
        final long started = System.nanoTime();
        volatile @Nullable Process process;
        volatile double fraction;
        volatile boolean cancelled;

        Running(Job job) {
            this.job = job;
        }

        int percent() {
            return (int) Math.floor(fraction * 100);
        }

        @Nullable Long etaSeconds() {
            double f = fraction;
            if (f < 0.01) {
                return null;
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            return Math.round(elapsed * (1 - f) / f);
        }

        void kill() {
            Process p = process;
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private final MediaQueue queue;
    private final MediaPipeline pipeline;
    private final MediaSettings settings;
    private final TransactionTemplate transactions;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private volatile @Nullable ScheduledExecutorService scheduler;
    private volatile @Nullable ExecutorService pool;
    private volatile String node = "";
    private volatile boolean stopping;

    MediaWorkers(MediaQueue queue, MediaPipeline pipeline, MediaSettings settings, TransactionTemplate transactions) {
        this.queue = queue;
        this.pipeline = pipeline;
        this.settings = settings;
        this.transactions = transactions;
    }

    @Override
    public synchronized void start() {
        if (!settings.workersEnabled() || isRunning()) {
            return;
        }
        stopping = false;
        node = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        int slots = settings.concurrentJobs();
        pool = Executors.newFixedThreadPool(slots, daemon("media-worker"));
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(daemon("media-queue"));
        s.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        long beat = Math.max(200, Math.min(1000, settings.lease().toMillis() / 3));
        s.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        scheduler = s;
        log.info("Media workers started on node {} with {} slot(s)", node, slots);
    }

    /** Stops gracefully: kills running ffmpeg processes and gives their jobs back to the queue untouched. */
    @Override
    public synchronized void stop() {
        var interrupted = java.util.List.copyOf(running.values());
        halt();
        for (Running r : interrupted) {
            try {
                queue.release(r.job.id(), node);
            } catch (RuntimeException e) {
                log.warn("Could not release media job {}: {}", r.job.id(), e.toString());
            }
        }
    }

    /** Stops like a killed server: processes die, the database is not told (leases simply expire). */
    synchronized void halt() {
        stopping = true;
        ScheduledExecutorService s = scheduler;
        ExecutorService p = pool;
        scheduler = null;
        pool = null;
        if (s != null) {
            s.shutdownNow();
        }
        running.values().forEach(Running::kill);
        if (p != null) {
            p.shutdownNow();
            try {
                p.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stop before the database goes away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    String node() {
        return node;
    }

    /** Kills the ffmpeg of the asset's jobs running on this node (their rows are already CANCELLED). */
    void killJobsOf(long assetId) {
        running.values().stream().filter(r -> r.job.assetId() == assetId).forEach(r -> {
            r.cancelled = true;
            r.kill();
        });
    }

    private void poll() {
        try {
            reapExpired();
            ExecutorService p = pool;
            int free = settings.concurrentJobs() - running.size();
            if (p == null || free <= 0 || stopping) {
                return;
            }
            for (long id : queue.due(free * 2)) {
                if (running.size() >= settings.concurrentJobs()) {
                    break;
                }
                if (queue.claim(id, node, Instant.now().plus(settings.lease()))) {
                    Job job = queue.job(id).orElseThrow();
                    Running r = new Running(job);
                    running.put(id, r);
                    p.execute(() -> execute(r));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Media queue poll failed: {}", e.toString());
        }
    }

    /** Jobs of a dead node go back to the queue; a job that killed its node too often fails instead. */
    private void reapExpired() {
        for (Job job : queue.expired()) {
            if (running.containsKey(job.id()) || job.leaseUntil() == null) {
                continue;
            }
            if (job.attempts() < job.maxAttempts()) {
                if (queue.requeueExpired(job.id(), job.leaseUntil())) {
                    log.info("Media job {} ({}) of asset {} resumed: its node {} stopped", job.id(), job.kind(),
                            job.assetId(), job.leaseOwner());
                }
            } else {
                String error = "the node stopped during each of " + job.attempts() + " tries";
                transactions.executeWithoutResult(tx -> {
                    if (queue.failExpired(job.id(), job.leaseUntil(), error)) {
                        pipeline.afterFailure(job.assetId(), error);
                    }
                });
            }
        }
    }

    private void heartbeat() {
        for (Running r : running.values()) {
            try {
                if (!queue.heartbeat(r.job.id(), node, Instant.now().plus(settings.lease()), r.percent(),
                        r.etaSeconds())) {
                    // cancelled (possibly on another node), or our lease was taken over
                    r.cancelled = true;
                    r.kill();
                }
            } catch (RuntimeException e) {
                log.warn("Media heartbeat failed: {}", e.toString());
            }
        }
    }

    private void execute(Running r) {
        Job job = r.job;
        Path work = settings.workDir().resolve(node).resolve("job-" + job.id());
        try {
            Asset asset = queue.asset(job.assetId()).orElseThrow();
            if (asset.state() == AssetState.CANCELLED || asset.state() == AssetState.REJECTED) {
                transactions.executeWithoutResult(tx -> queue.succeed(job.id(), node));
                return;
            }
            Files.createDirectories(work);
            MediaPipeline.Effects effects = pipeline.run(job, asset, work, new MediaPipeline.Control() {
                @Override
                public void progress(double fraction) {
                    r.fraction = fraction;
                }

                @Override
                public void started(Process process) {
                    r.process = process;
                    if (r.cancelled || stopping) {
                        r.kill();
                    }
                }
            });
            if (stopping || r.cancelled) {
                return;
            }
            transactions.executeWithoutResult(tx -> {
                if (queue.succeed(job.id(), node)) {
                    effects.apply();
                    pipeline.afterSuccess(job.assetId());
                }
            });
            log.info("Media job {} ({}) of asset {} done in {} s", job.id(), job.kind(), job.assetId(),
                    Math.round((System.nanoTime() - r.started) / 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            if (stopping || r.cancelled) {
                return;
            }
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            failed(job, error);
        } finally {
            running.remove(job.id());
            deleteQuietly(work);
        }
    }

    private void failed(Job job, String error) {
        transactions.executeWithoutResult(tx -> {
            if (job.attempts() < job.maxAttempts()) {
                Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(20, job.attempts() - 1));
                if (queue.retryLater(job.id(), node, Instant.now().plus(backoff), error)) {
                    log.warn("Media job {} ({}) of asset {} failed (try {} of {}), retrying in {} ms: {}", job.id(),
                            job.kind(), job.assetId(), job.attempts(), job.maxAttempts(), backoff.toMillis(), error);
                }
            } else if (queue.fail(job.id(), node, error)) {
                log.warn("Media job {} ({}) of asset {} failed for good after {} tries: {}", job.id(), job.kind(),
                        job.assetId(), job.attempts(), error);
                pipeline.afterFailure(job.assetId(), job.kind() + ": " + error);
            }
        });
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // scratch space; the next start may clean it
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "node";
        }
    }
}
