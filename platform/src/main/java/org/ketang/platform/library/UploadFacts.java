package org.ketang.platform.library;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A finished upload that becomes a lesson (from ingest's {@code UploadCompleted}).
 *
 * @param uploadId       the upload's id; a second intake of the same id returns the same lesson
 * @param uploaderUserId the account that uploaded
 * @param fileName       the file's original name (the default title)
 * @param uploadedAt     when the upload finished (picks the uploader's timetable term)
 * @param title          a title the uploader typed, if any
 */
public record UploadFacts(String uploadId, long uploaderUserId, String fileName, Instant uploadedAt,
        @Nullable String title) {
}
