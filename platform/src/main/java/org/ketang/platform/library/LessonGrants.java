package org.ketang.platform.library;

import java.util.Optional;

/**
 * Watching a lesson by grant, for modules that bring a lesson to people its visibility would not reach (contest
 * judges): a grant lets one account play one lesson for a purpose (e.g. {@code contest:12}) until it is revoked. It
 * gives playback links only, never the lesson's page or facts, so a blind judge learns nothing from it. The module
 * also answers whether a lesson is someone's own finished lesson, and widens a lesson's visibility for a showcase.
 */
public interface LessonGrants {

    /** The lesson when {@code userId} is its teacher or uploader and it is READY (not deleted); else empty. */
    Optional<WatchedLessons.Facts> ownReady(long userId, long lessonId);

    /** Lets {@code userId} play {@code lessonId} for {@code purpose}; granting twice changes nothing. */
    void grant(long lessonId, long userId, String purpose);

    /** Takes back one grant; the viewer's other grants and ordinary visibility stay. */
    void revoke(long lessonId, long userId, String purpose);

    /** Signed playback links for a holder of a grant, or empty without one or when the lesson cannot be played. */
    Optional<PlaybackLinks.Links> playback(long lessonId, long userId);

    /**
     * Opens a lesson at least as wide as {@code atLeast} (a showcase of awarded lessons): a wider visibility stays,
     * a narrower one becomes {@code atLeast}.
     */
    void widen(long lessonId, Visibility atLeast);
}
