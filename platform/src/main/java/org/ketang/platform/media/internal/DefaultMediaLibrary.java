package org.ketang.platform.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.media.MediaLibrary;
import org.ketang.platform.media.MediaStorage;
import org.ketang.platform.media.internal.MediaQueue.Asset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link MediaLibrary} over the database queue. */
@Component
class DefaultMediaLibrary implements MediaLibrary {

    private final MediaQueue queue;
    private final MediaStorage storage;
    private final MediaWorkers workers;
    private final MediaSettings settings;
    private final TransactionTemplate transactions;

    DefaultMediaLibrary(MediaQueue queue, MediaStorage storage, MediaWorkers workers, MediaSettings settings,
            TransactionTemplate transactions) {
        this.queue = queue;
        this.storage = storage;
        this.workers = workers;
        this.settings = settings;
        this.transactions = transactions;
    }

    @Override
    public long submit(String ownerRef, Path source) {
        if (ownerRef.isBlank() || ownerRef.length() > 200) {
            throw new IllegalArgumentException("ownerRef must be 1–200 characters");
        }
        Optional<Asset> existing = queue.assetOf(ownerRef);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        try {
            Long id = transactions.execute(tx -> {
                long assetId = queue.insertAsset(ownerRef, "pending");
                String key = MediaPipeline.prefix(assetId) + "source" + MediaPipeline.extension(source.toString());
                try {
                    storage.put(key, source);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not store the source of " + ownerRef, e);
                }
                queue.setSourceKey(assetId, key);
                queue.insertJob(assetId, MediaQueue.PROBE, 0, settings.maxAttempts());
                return assetId;
            });
            return id;
        } catch (DuplicateKeyException e) {
            // another node or thread submitted the same owner at the same moment: theirs is the one
            return queue.assetOf(ownerRef).orElseThrow(() -> e).id();
        }
    }

    @Override
    public Optional<Status> status(long assetId) {
        return queue.asset(assetId).map(this::status);
    }

    @Override
    public Optional<Status> statusOf(String ownerRef) {
        return queue.assetOf(ownerRef).map(this::status);
    }

    @Override
    public void cancel(long assetId) {
        transactions.executeWithoutResult(tx -> {
            Asset asset = queue.lockAsset(assetId).orElseThrow(() -> new IllegalArgumentException("no asset " + assetId));
            queue.cancelJobs(assetId);
            if (asset.state() == AssetState.PROCESSING) {
                queue.setState(assetId, AssetState.CANCELLED, "cancelled");
            }
        });
        workers.killJobsOf(assetId);
    }

    @Override
    public void retry(long assetId) {
        transactions.executeWithoutResult(tx -> {
            Asset asset = queue.lockAsset(assetId).orElseThrow(() -> new IllegalArgumentException("no asset " + assetId));
            if (queue.requeue(assetId) > 0 && (asset.state() == AssetState.FAILED
                    || asset.state() == AssetState.CANCELLED)) {
                queue.setState(assetId, AssetState.PROCESSING, null);
            }
        });
    }

    Status status(Asset asset) {
        List<MediaQueue.Job> rows = queue.jobsOf(asset.id());
        List<Job> jobs = rows.stream().map(j -> new Job(j.id(), j.kind(), j.state(), j.attempts(), j.percent(),
                j.etaSeconds(), j.error())).toList();
        int percent;
        @Nullable Long eta = null;
        if (asset.state() == AssetState.READY || asset.state() == AssetState.REJECTED) {
            percent = 100;
        } else {
            double done = 0;
            double total = 0;
            for (MediaQueue.Job j : rows) {
                double weight = weight(j.kind());
                total += weight;
                done += weight * (j.state() == JobState.SUCCEEDED ? 100 : j.percent()) / 100.0;
            }
            percent = total == 0 ? 0 : (int) Math.floor(100 * done / total);
            eta = eta(rows);
        }
        return new Status(asset.id(), asset.ownerRef(), asset.state(), asset.durationSeconds(), asset.width(),
                asset.height(), asset.renditions(), asset.posterKey(), asset.error(), percent, eta, jobs);
    }

    /** Relative cost of a job: a rendition costs about its pixel count; probe and preview are cheap. */
    private static double weight(String kind) {
        if (kind.startsWith(MediaQueue.RENDITION)) {
            double size = Integer.parseInt(kind.substring(MediaQueue.RENDITION.length()));
            return 4 * (size * size) / (360.0 * 360.0);
        }
        return kind.equals(MediaQueue.PREVIEW) ? 1 : 0.2;
    }

    /**
     * Time left: the running jobs' own estimates, plus queued jobs estimated from the running ones' speed per
     * unit of weight. Unknown (null) until a running job has reported progress.
     */
    private @Nullable Long eta(List<MediaQueue.Job> rows) {
        double secondsPerWeight = -1;
        long running = 0;
        for (MediaQueue.Job j : rows) {
            if (j.state() == JobState.RUNNING && j.etaSeconds() != null && j.percent() > 0 && j.percent() < 100) {
                double total = j.etaSeconds() * 100.0 / (100 - j.percent());
                secondsPerWeight = Math.max(secondsPerWeight, total / weight(j.kind()));
                running = Math.max(running, j.etaSeconds());
            }
        }
        if (secondsPerWeight < 0) {
            return null;
        }
        double queued = rows.stream().filter(j -> j.state() == JobState.QUEUED).mapToDouble(j -> weight(j.kind()))
                .sum();
        return running + Math.round(queued * secondsPerWeight / settings.concurrentJobs());
    }
}
