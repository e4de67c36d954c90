package org.ketang.platform.media.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.media.MediaLibrary.AssetState;
import org.ketang.platform.media.MediaLibrary.JobState;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The {@code media_asset} and {@code media_job} tables. Every state change of a job is one conditional UPDATE,
 * so that several nodes can share the queue: a job is claimed only if it is still QUEUED, and a worker writes
 * its result only while it still holds the lease.
 */
@Component
class MediaQueue {

    static final String PROBE = "PROBE";
    static final String PREVIEW = "PREVIEW";
    static final String RENDITION = "RENDITION_";

    record Asset(long id, String ownerRef, String sourceKey, AssetState state, @Nullable Double durationSeconds,
            @Nullable Integer width, @Nullable Integer height, @Nullable Double fps, @Nullable Boolean hasAudio,
            List<Integer> renditions, @Nullable String posterKey, @Nullable String error) {
    }

    record Job(long id, long assetId, String kind, int priority, JobState state, int attempts, int maxAttempts,
            Instant nextAttemptAt, @Nullable String leaseOwner, @Nullable Instant leaseUntil, int percent,
            @Nullable Long etaSeconds, @Nullable String error) {
    }

    private static final RowMapper<Asset> ASSET = MediaQueue::asset;
    private static final RowMapper<Job> JOB = MediaQueue::job;

    private final JdbcClient jdbc;

    MediaQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Asset> asset(long id) {
        return jdbc.sql("select * from media_asset where id = :id").param("id", id).query(ASSET).optional();
    }

    /** Reads the asset and locks its row until the transaction ends (publishing renditions one at a time). */
    Optional<Asset> lockAsset(long id) {
        return jdbc.sql("select * from media_asset where id = :id for update").param("id", id).query(ASSET)
                .optional();
    }

    Optional<Asset> assetOf(String ownerRef) {
        return jdbc.sql("select * from media_asset where owner_ref = :o").param("o", ownerRef).query(ASSET)
                .optional();
    }

    long insertAsset(String ownerRef, String sourceKey) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into media_asset (owner_ref, source_key, state, renditions, created_at, updated_at)
                values (:owner, :source, 'PROCESSING', '', :now, :now)""").param("owner", ownerRef)
                .param("source", sourceKey).param("now", now()).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void setSourceKey(long assetId, String sourceKey) {
        jdbc.sql("update media_asset set source_key = :k, updated_at = :now where id = :id").param("k", sourceKey)
                .param("now", now()).param("id", assetId).update();
    }

    void probed(long assetId, double duration, int width, int height, double fps, boolean audio) {
        jdbc.sql("""
                update media_asset set duration_seconds = :d, width = :w, height = :h, fps = :fps, has_audio = :a,
                    updated_at = :now where id = :id""").param("d", duration).param("w", width).param("h", height)
                .param("fps", fps).param("a", audio).param("now", now()).param("id", assetId).update();
    }

    void setState(long assetId, AssetState state, @Nullable String error) {
        jdbc.sql("update media_asset set state = :s, error = :e, updated_at = :now where id = :id")
                .param("s", state.name()).param("e", truncate(error)).param("now", now()).param("id", assetId).update();
    }

    void setRenditions(long assetId, List<Integer> heights) {
        jdbc.sql("update media_asset set renditions = :r, updated_at = :now where id = :id")
                .param("r", String.join(",", heights.stream().sorted().map(String::valueOf).toList()))
                .param("now", now()).param("id", assetId).update();
    }

    void setPoster(long assetId, String posterKey) {
        jdbc.sql("update media_asset set poster_key = :p, updated_at = :now where id = :id").param("p", posterKey)
                .param("now", now()).param("id", assetId).update();
    }

    void insertJob(long assetId, String kind, int priority, int maxAttempts) {
        jdbc.sql("""
                insert into media_job (asset_id, kind, priority, state, attempts, max_attempts, next_attempt_at,
                    percent, created_at)
                values (:asset, :kind, :priority, 'QUEUED', 0, :max, :now, 0, :now)""").param("asset", assetId)
                .param("kind", kind).param("priority", priority).param("max", maxAttempts).param("now", now())
                .update();
    }

    Optional<Job> job(long id) {
        return jdbc.sql("select * from media_job where id = :id").param("id", id).query(JOB).optional();
    }

    List<Job> jobsOf(long assetId) {
        return jdbc.sql("select * from media_job where asset_id = :a order by priority, id").param("a", assetId)
                .query(JOB).list();
    }

    List<Job> jobs(@Nullable JobState state, int limit) {
        if (state == null) {
            return jdbc.sql("select * from media_job order by id desc limit :limit").param("limit", limit)
                    .query(JOB).list();
        }
        return jdbc.sql("select * from media_job where state = :s order by id desc limit :limit")
                .param("s", state.name()).param("limit", limit).query(JOB).list();
    }

    /** Queued jobs due now, lowest priority number first (the lowest rendition before higher ones). */
    List<Long> due(int limit) {
        return jdbc.sql("""
                select id from media_job where state = 'QUEUED' and next_attempt_at <= :now
                order by priority, id limit :limit""").param("now", now()).param("limit", limit)
                .query(Long.class).list();
    }

    /** Claims a queued job for {@code node}: true only for the one node whose UPDATE changed the row. */
    boolean claim(long jobId, String node, Instant leaseUntil) {
        return jdbc.sql("""
                update media_job set state = 'RUNNING', lease_owner = :node, lease_until = :until,
                    attempts = attempts + 1, percent = 0, eta_seconds = null, started_at = :now
                where id = :id and state = 'QUEUED'""").param("node", node).param("until", at(leaseUntil))
                .param("now", now()).param("id", jobId).update() == 1;
    }

    /** Renews the lease and stores progress; false when the job is no longer ours (cancelled, or re-queued). */
    boolean heartbeat(long jobId, String node, Instant leaseUntil, int percent, @Nullable Long etaSeconds) {
        return jdbc.sql("""
                update media_job set lease_until = :until, percent = :p, eta_seconds = :eta
                where id = :id and state = 'RUNNING' and lease_owner = :node""").param("until", at(leaseUntil))
                .param("p", percent).param("eta", etaSeconds).param("id", jobId).param("node", node).update() == 1;
    }

    boolean succeed(long jobId, String node) {
        return jdbc.sql("""
                update media_job set state = 'SUCCEEDED', percent = 100, eta_seconds = 0, error = null,
                    lease_owner = null, lease_until = null, finished_at = :now
                where id = :id and state = 'RUNNING' and lease_owner = :node""").param("now", now())
                .param("id", jobId).param("node", node).update() == 1;
    }

    /** Puts a failed try back in the queue for {@code retryAt}. */
    boolean retryLater(long jobId, String node, Instant retryAt, String error) {
        return jdbc.sql("""
                update media_job set state = 'QUEUED', next_attempt_at = :at, error = :e, lease_owner = null,
                    lease_until = null, eta_seconds = null
                where id = :id and state = 'RUNNING' and lease_owner = :node""").param("at", at(retryAt))
                .param("e", truncate(error)).param("id", jobId).param("node", node).update() == 1;
    }

    boolean fail(long jobId, String node, String error) {
        return jdbc.sql("""
                update media_job set state = 'FAILED', error = :e, lease_owner = null, lease_until = null,
                    eta_seconds = null, finished_at = :now
                where id = :id and state = 'RUNNING' and lease_owner = :node""").param("e", truncate(error))
                .param("now", now()).param("id", jobId).param("node", node).update() == 1;
    }

    /** Gives a job back without counting the try (this node is shutting down). */
    boolean release(long jobId, String node) {
        return jdbc.sql("""
                update media_job set state = 'QUEUED', attempts = attempts - 1, lease_owner = null, lease_until = null,
                    next_attempt_at = :now, eta_seconds = null
                where id = :id and state = 'RUNNING' and lease_owner = :node""").param("now", now())
                .param("id", jobId).param("node", node).update() == 1;
    }

    /** Running jobs whose node stopped renewing the lease (it died): ids of those with tries left. */
    List<Job> expired() {
        return jdbc.sql("select * from media_job where state = 'RUNNING' and lease_until < :now").param("now", now())
                .query(JOB).list();
    }

    /** Re-queues a job whose lease expired, unless someone got there first. */
    boolean requeueExpired(long jobId, Instant leaseUntil) {
        return jdbc.sql("""
                update media_job set state = 'QUEUED', lease_owner = null, lease_until = null, next_attempt_at = :now,
                    eta_seconds = null, error = 'the node running this job stopped; resumed'
                where id = :id and state = 'RUNNING' and lease_until = :until""").param("now", now())
                .param("id", jobId).param("until", at(leaseUntil)).update() == 1;
    }

    boolean failExpired(long jobId, Instant leaseUntil, String error) {
        return jdbc.sql("""
                update media_job set state = 'FAILED', lease_owner = null, lease_until = null, error = :e,
                    eta_seconds = null, finished_at = :now
                where id = :id and state = 'RUNNING' and lease_until = :until""").param("now", now())
                .param("e", error).param("id", jobId).param("until", at(leaseUntil)).update() == 1;
    }

    /** Cancels the asset's unfinished jobs; a worker running one notices at its next heartbeat. */
    int cancelJobs(long assetId) {
        return jdbc.sql("""
                update media_job set state = 'CANCELLED', lease_owner = null, lease_until = null, eta_seconds = null,
                    finished_at = :now, error = 'cancelled'
                where asset_id = :a and state in ('QUEUED', 'RUNNING')""").param("now", now()).param("a", assetId)
                .update();
    }

    /** Re-queues the asset's failed and cancelled jobs with fresh tries. */
    int requeue(long assetId) {
        return jdbc.sql("""
                update media_job set state = 'QUEUED', attempts = 0, next_attempt_at = :now, error = null,
                    percent = 0, eta_seconds = null, finished_at = null
                where asset_id = :a and state in ('FAILED', 'CANCELLED')""").param("now", now()).param("a", assetId)
                .update();
    }

    private static Asset asset(ResultSet rs, int row) throws SQLException {
        String renditions = rs.getString("renditions");
        return new Asset(rs.getLong("id"), rs.getString("owner_ref"), rs.getString("source_key"),
                AssetState.valueOf(rs.getString("state")), rs.getObject("duration_seconds", Double.class),
                rs.getObject("width", Integer.class), rs.getObject("height", Integer.class),
                rs.getObject("fps", Double.class), rs.getObject("has_audio", Boolean.class),
                renditions == null || renditions.isBlank() ? List.of()
                        : Arrays.stream(renditions.split(",")).map(Integer::valueOf).sorted().toList(),
                rs.getString("poster_key"), rs.getString("error"));
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getLong("id"), rs.getLong("asset_id"), rs.getString("kind"), rs.getInt("priority"),
                JobState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                instant(rs, "next_attempt_at"), rs.getString("lease_owner"), instantOrNull(rs, "lease_until"),
                rs.getInt("percent"), rs.getObject("eta_seconds", Long.class), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Millisecond precision, so that a value read back compares equal on every database. */
    static OffsetDateTime now() {
        return at(Instant.now());
    }

    static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String truncate(@Nullable String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
