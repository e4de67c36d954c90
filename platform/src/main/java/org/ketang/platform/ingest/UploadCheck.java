package org.ketang.platform.ingest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A veto on a finished upload, run before {@link UploadCompleted} is published (e.g. the media module's probe:
 * "no video stream", "truncated"). Declare implementations as beans; every one is asked, in bean order. A
 * rejection fails the final {@code PATCH} with 422 and the reason, marks the upload REJECTED and deletes the file.
 */
public interface UploadCheck {

    /**
     * @param file     the complete file (read it, do not move it)
     * @param filename the client's file name
     * @param metadata every {@code Upload-Metadata} pair; {@code purpose} says what the upload is for, so that a
     *                 check can apply to some kinds only (e.g. video checks to {@code lesson} and {@code recording})
     * @return why the file is refused, or empty when it is fine
     */
    Optional<Rejection> check(Path file, String filename, Map<String, String> metadata);

    /**
     * Why a file was refused, for the uploader.
     *
     * @param code     stable machine-readable reason, e.g. {@code no-video-stream}
     * @param reasonZh the reason in Chinese
     * @param reasonEn the reason in English
     */
    record Rejection(String code, String reasonZh, String reasonEn) {
    }
}
