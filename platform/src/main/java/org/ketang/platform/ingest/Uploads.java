package org.ketang.platform.ingest;

import java.nio.file.Path;
import java.util.Optional;

/** Resumable uploads for other modules: look one up, and take over a completed file. */
public interface Uploads {

    Optional<Upload> find(String uploadId);

    /**
     * Hands a completed upload's file over to the caller: from now on the caller owns the file at the returned
     * path (move it into its own storage, or delete it), and it no longer counts against the owner's quota.
     * Idempotent, so a listener that is re-run after a crash gets the same path again.
     *
     * @throws IllegalArgumentException when there is no such upload
     * @throws IllegalStateException    when the upload is not COMPLETED
     */
    Path claim(String uploadId);
}
