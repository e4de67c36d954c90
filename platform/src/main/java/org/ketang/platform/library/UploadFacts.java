package org.ketang.platform.library;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A finished upload that becomes a lesson (from ingest's {@code UploadCompleted}).
 *
 * @param uploadId       the upload's id; a second intake of the same id returns the same lesson
 * @param uploaderUserId the account that uploaded
 * @param fileName       the file's original name (the default title)
 * @param uploadedAt     when the upload finished (picks the uploader's timetable term)
 * @param title          a title the uploader typed, if any
 * @param classId        the class the uploader chose, if any (else taken from their timetable)
 * @param subjectId      the subject the uploader chose, if any (else taken from their timetable)
 * @param recordedOn     the day the lesson was given, if the uploader said
 * @param period         the period (节次) the lesson was given in, if the uploader said
 */
public record UploadFacts(String uploadId, long uploaderUserId, String fileName, Instant uploadedAt,
        @Nullable String title, @Nullable Long classId, @Nullable Long subjectId, @Nullable LocalDate recordedOn,
        @Nullable Integer period) {

    /** An upload about which the uploader said nothing but perhaps a title. */
    public UploadFacts(String uploadId, long uploaderUserId, String fileName, Instant uploadedAt, @Nullable String title) {
        this(uploadId, uploaderUserId, fileName, uploadedAt, title, null, null, null, null);
    }
}
