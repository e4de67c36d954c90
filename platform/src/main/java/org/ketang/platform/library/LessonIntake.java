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
