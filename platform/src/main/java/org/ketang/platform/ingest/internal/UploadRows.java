package org.ketang.platform.ingest.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.ingest.Upload.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ingest_upload} table. */
@Repository
public class UploadRows {

    private static final String COLUMNS = "id, owner_user_id, school_id, total_length, received, filename, filetype, "
            + "expected_sha256, sha256, metadata, state, error_code, error_zh, error_en, created_at, updated_at, "
            + "expires_at, claimed_at";

    private final JdbcClient jdbc;

    public UploadRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredUpload u) {
        jdbc.sql("insert into ingest_upload (" + COLUMNS + ") values (:id, :owner, :school, :length, :received, "
                + ":filename, :filetype, :expected, null, :metadata, :state, null, null, null, :created, :created, "
                + ":expires, null)")
                .param("id", u.id()).param("owner", u.ownerUserId()).param("school", u.schoolId())
                .param("length", u.length()).param("received", u.received()).param("filename", u.filename())
                .param("filetype", u.filetype()).param("expected", u.expectedSha256())
                .param("metadata", u.metadataHeader()).param("state", u.state().name())
                .param("created", time(u.createdAt())).param("expires", time(u.expiresAt())).update();
    }

    Optional<StoredUpload> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from ingest_upload where id = :id").param("id", id)
                .query(UploadRows::map).optional();
    }

    List<StoredUpload> ownedBy(long userId) {
        return jdbc.sql("select " + COLUMNS + " from ingest_upload where owner_user_id = :owner "
                + "order by created_at desc, id").param("owner", userId).query(UploadRows::map).list();
    }

    List<StoredUpload> all(int limit) {
        return jdbc.sql("select " + COLUMNS + " from ingest_upload order by created_at desc, id limit :limit")
                .param("limit", limit).query(UploadRows::map).list();
    }

    /** Bytes announced by the user's uploads that still occupy the disk here (receiving, or completed and unclaimed). */
    long bytesHeldBy(long userId) {
        return jdbc.sql("select coalesce(sum(total_length), 0) from ingest_upload where owner_user_id = :owner "
                + "and (state = 'RECEIVING' or (state = 'COMPLETED' and claimed_at is null))")
                .param("owner", userId).query(Long.class).single();
    }

    void progress(String id, long received, Instant now, Instant expiresAt) {
        jdbc.sql("update ingest_upload set received = :received, updated_at = :now, expires_at = :expires "
                + "where id = :id and state = 'RECEIVING'").param("received", received).param("now", time(now))
                .param("expires", time(expiresAt)).param("id", id).update();
    }

    /** @return whether the upload was still RECEIVING (so this call completed it) */
    boolean complete(String id, String sha256, Instant now) {
        return jdbc.sql("update ingest_upload set state = 'COMPLETED', sha256 = :sha, updated_at = :now, "
                + "expires_at = null where id = :id and state = 'RECEIVING'").param("sha", sha256)
                .param("now", time(now)).param("id", id).update() == 1;
    }

    /** Ends a RECEIVING upload as REJECTED or EXPIRED with its reason; @return whether it was still receiving. */
    boolean end(String id, State state, StoredUpload.Error error, Instant now) {
        return jdbc.sql("update ingest_upload set state = :state, error_code = :code, error_zh = :zh, error_en = :en, "
                + "updated_at = :now, expires_at = null where id = :id and state = 'RECEIVING'")
                .param("state", state.name()).param("code", error.code()).param("zh", error.zh())
                .param("en", error.en()).param("now", time(now)).param("id", id).update() == 1;
    }

    void claim(String id, Instant now) {
        jdbc.sql("update ingest_upload set claimed_at = :now, updated_at = :now where id = :id and claimed_at is null")
                .param("now", time(now)).param("id", id).update();
    }

    void delete(String id) {
        jdbc.sql("delete from ingest_upload where id = :id").param("id", id).update();
    }

    List<String> expiredBefore(Instant now) {
        return jdbc.sql("select id from ingest_upload where state = 'RECEIVING' and expires_at < :now")
                .param("now", time(now)).query(String.class).list();
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static StoredUpload map(ResultSet rs, int row) throws SQLException {
        long school = rs.getLong("school_id");
        Long schoolId = rs.wasNull() ? null : school;
        String code = rs.getString("error_code");
        StoredUpload.Error error = code == null ? null
                : new StoredUpload.Error(code, rs.getString("error_zh"), rs.getString("error_en"));
        return new StoredUpload(rs.getString("id"), rs.getLong("owner_user_id"), schoolId, rs.getLong("total_length"),
                rs.getLong("received"), rs.getString("filename"), rs.getString("filetype"),
                rs.getString("expected_sha256"), rs.getString("sha256"), rs.getString("metadata"),
                State.valueOf(rs.getString("state")), error, instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "expires_at"), instant(rs, "claimed_at"));
    }
}
