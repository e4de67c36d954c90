package org.ketang.platform.media.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.media.MediaLibrary.JobState;
import org.springframework.stereotype.Component;

/** The job list of the admin console. */
@Component
public class MediaJobs {

    /** One row of the queue. */
    public record JobView(long id, long assetId, String ownerRef, String kind, JobState state, int attempts,
            int maxAttempts, int percent, @Nullable Long etaSeconds, @Nullable String node, @Nullable String error) {
    }

    private final MediaQueue queue;

    MediaJobs(MediaQueue queue) {
        this.queue = queue;
    }

    public List<JobView> list(@Nullable JobState state, int limit) {
        return queue.jobs(state, limit).stream().map(j -> new JobView(j.id(), j.assetId(),
                queue.asset(j.assetId()).map(MediaQueue.Asset::ownerRef).orElse("?"), j.kind(), j.state(),
                j.attempts(), j.maxAttempts(), j.percent(), j.etaSeconds(), j.leaseOwner(), j.error())).toList();
    }
}
