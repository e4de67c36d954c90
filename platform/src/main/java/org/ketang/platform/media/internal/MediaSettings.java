package org.ketang.platform.media.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Media settings ({@code ketang.media.*}). The defaults work on one machine with no setup.
 *
 * @param ffmpegPath          a system ffmpeg to use instead of the bundled one (bytedeco)
 * @param ffprobePath         a system ffprobe to use instead of the bundled one
 * @param storageDir          (application.yml: {@code ${ketang.data-dir}/media}) where the local storage keeps files, and where the playback key lives
 * @param workDir             scratch space for ffmpeg output before it goes to storage
 * @param maxConcurrentJobs   ffmpeg processes per node; 0 means cores / 2 (at least 1)
 * @param segmentSeconds      HLS segment length
 * @param maxAttempts         tries per job before it fails
 * @param retryBackoff        wait before the second try; doubles for each further try
 * @param pollInterval        how often idle workers look for queued jobs
 * @param lease               how long a running job stays claimed without a heartbeat (a dead node's jobs return
 *                            to the queue after this)
 * @param timeoutPerMediaSecond ffmpeg time allowed per second of media (plus {@code timeoutBase})
 * @param workersEnabled      whether this node runs jobs at all (off for web-only nodes)
 * @param playbackSecret      HMAC key for playback tokens (base64); generated once under the storage dir when empty.
 *                            Several nodes must share it.
 */
@ConfigurationProperties("ketang.media")
record MediaSettings(@Nullable String ffmpegPath, @Nullable String ffprobePath,
        Path storageDir, Path workDir, @DefaultValue("0") int maxConcurrentJobs,
        @DefaultValue("4") int segmentSeconds, @DefaultValue("3") int maxAttempts,
        @DefaultValue("10s") Duration retryBackoff, @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration lease, @DefaultValue("4s") Duration timeoutPerMediaSecond,
        @DefaultValue("120s") Duration timeoutBase, @DefaultValue("true") boolean workersEnabled,
        @Nullable String playbackSecret, @DefaultValue Storage storage) {

    /** Concurrent jobs on this node: the setting, or cores / 2 and at least 1. */
    int concurrentJobs() {
        return maxConcurrentJobs > 0 ? maxConcurrentJobs
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Where files live.
     *
     * @param kind      {@code local} (default) or {@code s3}
     * @param pathStyle path-style bucket addressing (MinIO, Ceph)
     */
    record Storage(@DefaultValue("local") String kind, @Nullable String endpoint, @DefaultValue("ketang-media") String bucket,
            @DefaultValue("us-east-1") String region, @Nullable String accessKey, @Nullable String secretKey,
            @DefaultValue("true") boolean pathStyle) {
    }
}
