package org.ketang.platform.ingest;

import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An upload arrived whole, its SHA-256 matched (when the client gave one) and every {@link UploadCheck} passed.
 * Published in the transaction that marks it completed, so {@code @ApplicationModuleListener}s get it even after
 * a crash. A listener that keeps the file calls {@link Uploads#claim} and moves it to its own storage.
 *
 * @param metadata every {@code Upload-Metadata} pair, e.g. {@code purpose=lesson}, {@code title}, {@code subjectId}
 */
public record UploadCompleted(String uploadId, long ownerUserId, @Nullable Long schoolId, Path file, long size,
        String sha256, String filename, Map<String, String> metadata) {

    public UploadCompleted {
        metadata = Map.copyOf(metadata);
    }

    /** The {@code purpose} metadata (e.g. {@code lesson}), if the client gave one. */
    public @Nullable String purpose() {
        return metadata.get("purpose");
    }
}
