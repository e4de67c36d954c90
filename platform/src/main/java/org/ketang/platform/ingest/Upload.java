package org.ketang.platform.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One resumable upload as other modules see it.
 *
 * @param id          the random id in {@code /api/v1/uploads/{id}}
 * @param ownerUserId the account that uploads it
 * @param schoolId    the owner's school at creation ({@code null} for district staff)
 * @param filename    the client's file name ({@code filename} metadata)
 * @param filetype    the client's MIME type ({@code filetype} metadata), if given
 * @param length      the announced size in bytes
 * @param offset      the bytes received so far
 * @param state       where the upload stands
 * @param sha256      hex SHA-256 of the whole file, once completed
 * @param metadata    every {@code Upload-Metadata} pair (title, subjectId, gradeId, classId, purpose…)
 * @param file        where the bytes are (until a module {@linkplain Uploads#claim claims} and moves them)
 * @param claimed     whether a module has taken the file over
 */
public record Upload(String id, long ownerUserId, @Nullable Long schoolId, String filename, @Nullable String filetype,
        long length, long offset, State state, @Nullable String sha256, Map<String, String> metadata, Path file,
        boolean claimed, Instant createdAt, @Nullable Instant expiresAt) {

    public Upload {
        metadata = Map.copyOf(metadata);
    }

    /** The life of an upload: RECEIVING until every byte arrived and passed the checks. */
    public enum State {
        /** Bytes are still arriving; resumable from {@code offset}. */
        RECEIVING,
        /** Every byte arrived, the checksum and the checks passed; {@link UploadCompleted} was published. */
        COMPLETED,
        /** Refused at completion (checksum mismatch or a failed {@link UploadCheck}); the file is deleted. */
        REJECTED,
        /** Left unfinished too long; the partial file is deleted. */
        EXPIRED
    }
}
