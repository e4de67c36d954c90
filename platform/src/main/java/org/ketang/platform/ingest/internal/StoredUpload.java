package org.ketang.platform.ingest.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.ingest.Upload;
import org.ketang.platform.ingest.Upload.State;

/** A row of {@code ingest_upload}: an upload with what only this module needs (expected checksum, errors). */
public record StoredUpload(String id, long ownerUserId, @Nullable Long schoolId, long length, long received,
        String filename, @Nullable String filetype, @Nullable String expectedSha256, @Nullable String sha256,
        String metadataHeader, State state, @Nullable Error error, Instant createdAt, Instant updatedAt,
        @Nullable Instant expiresAt, @Nullable Instant claimedAt) {

    /** Why an upload was refused or ended, in both languages. */
    public record Error(String code, String zh, String en) {
    }

    public Map<String, String> metadata() {
        return TusMetadata.parse(metadataHeader);
    }

    public boolean isComplete() {
        return received == length;
    }

    /** Owners see their uploads; lesson managers see those of the schools they reach (all, when district-wide). */
    public boolean isVisibleTo(Actor actor) {
        if (actor.userId() == ownerUserId) {
            return true;
        }
        return actor.can(Permission.LESSON_MANAGE)
                && (actor.isDistrictWide() || (schoolId != null && actor.reachesWholeSchool(schoolId)));
    }

    /** Only the owner sends bytes. */
    public boolean acceptsBytesFrom(Actor actor) {
        return actor.userId() == ownerUserId;
    }

    Upload toUpload(Path file) {
        return new Upload(id, ownerUserId, schoolId, filename, filetype, length, received, state, sha256, metadata(),
                file, claimedAt != null, createdAt, expiresAt);
    }
}
