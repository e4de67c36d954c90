package org.ketang.platform.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Submits sources for processing (probe → poster, sprite → HLS ladder) and reports progress. Processing runs in
 * a persistent job queue: it survives restarts and runs at most {@code ketang.media.max-concurrent-jobs} ffmpeg
 * processes per node.
 */
public interface MediaLibrary {

    /**
     * Queues {@code source} for processing on behalf of {@code ownerRef} (e.g. {@code lesson:42}) and returns the
     * asset id. Idempotent per owner: submitting again for the same owner returns the existing asset and
     * processes nothing twice. The source is copied (hard-linked when possible) into media storage, so the
     * caller may delete it afterwards.
     */
    long submit(String ownerRef, Path source);

    Optional<Status> status(long assetId);

    Optional<Status> statusOf(String ownerRef);

    /** Cancels queued and running jobs of the asset (a running ffmpeg is killed). */
    void cancel(long assetId);

    /** Re-queues the failed or cancelled jobs of the asset. */
    void retry(long assetId);

    /** The states of an asset. */
    enum AssetState {
        PROCESSING, READY, REJECTED, FAILED, CANCELLED
    }

    /** The states of a job. */
    enum JobState {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED
    }

    /**
     * An asset and its jobs, for the upload page's progress bar.
     *
     * @param renditions heights already published, lowest first
     * @param percent    overall progress 0–100
     * @param etaSeconds estimated seconds left for the running jobs, {@code null} when unknown
     */
    record Status(long assetId, String ownerRef, AssetState state, @Nullable Double durationSeconds,
            @Nullable Integer width, @Nullable Integer height, List<Integer> renditions, @Nullable String posterKey,
            @Nullable String error, int percent, @Nullable Long etaSeconds, List<Job> jobs) {
    }

    /** One job of an asset. */
    record Job(long id, String kind, JobState state, int attempts, int percent, @Nullable Long etaSeconds,
            @Nullable String error) {
    }
}
