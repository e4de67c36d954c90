package org.ketang.platform.library;

/**
 * Turns finished uploads and recordings into lessons, classified from the timetable. Idempotent: the same
 * upload (or recording) always answers the id of the one lesson made from it. The media owner reference of
 * a lesson is {@code lesson:<id>} (see {@link #ownerReference}).
 */
public interface LessonIntake {

    /** A new (or the existing) lesson for an upload, pre-filled from the uploader's timetable; status PROCESSING. */
    long fromUpload(UploadFacts upload);

    /** A new (or the existing) lesson for a recording, classified from what was happening in the classroom. */
    long fromRecording(RecordingFacts recording);

    /**
     * The lesson of a recording whose file arrived as the completed upload {@code uploadId}: the lesson of
     * {@link #fromRecording}, with the upload's file claimed and handed to media as its source (the same way as a
     * teacher's upload). Idempotent: an upload (or a second upload of the same recording) taken in again changes
     * nothing and answers the same lesson.
     */
    long fromRecordedUpload(RecordingFacts recording, String uploadId);

    /** The owner reference media stores for a lesson's asset, e.g. {@code lesson:42}. */
    static String ownerReference(long lessonId) {
        return "lesson:" + lessonId;
    }

    /** The lesson id in an owner reference made by {@link #ownerReference}, or -1 when it is not a lesson's. */
    static long lessonIdOf(String ownerReference) {
        if (!ownerReference.startsWith("lesson:")) {
            return -1;
        }
        try {
            return Long.parseLong(ownerReference.substring("lesson:".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
