package org.ketang.platform.library;

/**
 * Where a lesson is in its life: PROCESSING until media publishes the lowest rendition (PLAYABLE), READY when
 * every rendition is there; REJECTED (not usable video) and FAILED (processing broke) carry a reason. Viewers
 * other than its owners and managers only see PLAYABLE and READY lessons.
 */
public enum LessonStatus {
    PROCESSING, PLAYABLE, READY, REJECTED, FAILED;

    public boolean watchable() {
        return this == PLAYABLE || this == READY;
    }
}
