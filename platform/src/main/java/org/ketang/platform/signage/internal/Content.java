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
 */
public record Content(long id, @Nullable Long schoolId, Kind kind, String title, @Nullable String url,
        @Nullable Long lessonId, @Nullable Long classroomId, @Nullable String body, Layout layout, int durationSeconds) {

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
