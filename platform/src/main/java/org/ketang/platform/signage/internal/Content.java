package org.ketang.platform.signage.internal;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One thing a screen can show.
 *
 * @param url             the file of a VIDEO or IMAGE, the page of a WEB item
 * @param lessonId        the library lesson of a LESSON item
 * @param classroomId     the classroom whose live stream a LIVE item shows
 * @param body            the rich text of a NOTICE
 * @param layout          FULL (main area) or TICKER (the scrolling line at the bottom, for notices)
 * @param durationSeconds how long it holds the screen in a playlist (a video's length, an image's time)
 * @param uploadState     for an uploaded VIDEO or IMAGE where its file stands; null for items given by URL
 * @param assetId         the media module's asset of an uploaded video (played as HLS once READY)
 * @param fileKey         where an uploaded image lies in media storage
 */
public record Content(long id, @Nullable Long schoolId, Kind kind, String title, @Nullable String url,
        @Nullable Long lessonId, @Nullable Long classroomId, @Nullable String body, Layout layout, int durationSeconds,
        @Nullable UploadState uploadState, @Nullable Long assetId, @Nullable String fileKey, @Nullable String fileType,
        @Nullable String uploadError) {

    /** Content given by URL, lesson, classroom or text (not uploaded). */
    public Content(long id, @Nullable Long schoolId, Kind kind, String title, @Nullable String url,
            @Nullable Long lessonId, @Nullable Long classroomId, @Nullable String body, Layout layout,
            int durationSeconds) {
        this(id, schoolId, kind, title, url, lessonId, classroomId, body, layout, durationSeconds, null, null, null, null,
                null);
    }

    public boolean uploaded() {
        return uploadState != null;
    }

    /** The way of an uploaded file: created and waiting for the file, processed by media (videos), then playable. */
    public enum UploadState {
        AWAITING, PROCESSING, READY, REJECTED, FAILED
    }

    public enum Kind {
        VIDEO, IMAGE, NOTICE, LESSON, LIVE, WEB;

        public static Optional<Kind> parse(@Nullable String value) {
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    public enum Layout {
        FULL, TICKER
    }
}
