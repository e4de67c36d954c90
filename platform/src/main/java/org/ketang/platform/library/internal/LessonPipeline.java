package org.ketang.platform.library.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.ketang.platform.ingest.UploadCompleted;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.UploadFacts;
import org.ketang.platform.media.MediaFailed;
import org.ketang.platform.media.MediaReady;
import org.ketang.platform.media.MediaRejected;
import org.ketang.platform.media.RenditionPublished;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Carries a lesson from a finished upload through media processing: an upload becomes a lesson (classified
 * from the uploader's timetable), its file goes to the media module ({@link Library#withUploadedFile}, the same way
 * as a recording's), and media's progress moves the lesson along. Every step is idempotent, so an event delivered
 * again after a crash changes nothing twice.
 */
@Component
class LessonPipeline {

    private final Library library;

    LessonPipeline(Library library) {
        this.library = library;
    }

    @ApplicationModuleListener
    void on(UploadCompleted upload) {
        if (!"lesson".equals(upload.purpose())) {
            return;
        }
        Map<String, String> form = upload.metadata();
        long lesson = library.fromUpload(new UploadFacts(upload.uploadId(), upload.ownerUserId(), upload.filename(),
                Instant.now(), form.get("title"), number(form.get("classId")), number(form.get("subjectId")),
                date(form.get("recordedOn")), Optional.ofNullable(number(form.get("period"))).map(Long::intValue)
                        .filter(p -> p > 0 && p <= 20).orElse(null)));
        library.withUploadedFile(lesson, upload.uploadId());
    }

    @ApplicationModuleListener
    void on(RenditionPublished e) {
        lessonOf(e.ownerRef(), id -> library.renditionPublished(id, e.height()));
    }

    @ApplicationModuleListener
    void on(MediaReady e) {
        lessonOf(e.ownerRef(), id -> library.ready(id, (int) Math.round(e.durationSeconds()), e.posterKey() != null));
    }

    @ApplicationModuleListener
    void on(MediaRejected e) {
        lessonOf(e.ownerRef(), id -> library.rejected(id, e.reasonZh(), e.reasonEn()));
    }

    @ApplicationModuleListener
    void on(MediaFailed e) {
        lessonOf(e.ownerRef(), id -> library.failed(id, "视频处理失败：" + e.error(), "Processing failed: " + e.error()));
    }

    /** A number from the upload form, or nothing when it is missing or not a number (the timetable decides). */
    static @Nullable Long number(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static @Nullable LocalDate date(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static void lessonOf(String ownerRef, java.util.function.LongConsumer action) {
        long id = LessonIntake.lessonIdOf(ownerRef);
        if (id > 0) {
            action.accept(id);
        }
    }
}
