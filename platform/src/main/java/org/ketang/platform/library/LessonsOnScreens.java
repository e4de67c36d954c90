package org.ketang.platform.library;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Library lessons played on classroom screens. The signage module decides which lessons a display may play (only
 * what is scheduled or pushed to it) and then asks here for a playback link signed for the display's own account.
 */
public interface LessonsOnScreens {

    /** A playable lesson's title, duration and signed HLS link, or empty when it is deleted or not playable yet. */
    Optional<Screening> screening(long lessonId, long deviceAccountId);

    record Screening(long lessonId, String title, @Nullable Integer durationSeconds, String hlsUrl,
            @Nullable String posterUrl) {
    }
}
