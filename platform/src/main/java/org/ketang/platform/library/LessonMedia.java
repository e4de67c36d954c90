package org.ketang.platform.library;

/**
 * What media's processing events do to a lesson; call from listeners of media's events. Unknown or deleted
 * lessons are ignored (an event may outlive its lesson); transitions that make no sense (a rendition for a
 * rejected lesson) are ignored too, so redelivered events are harmless.
 */
public interface LessonMedia {

    /** The media asset made from the lesson's source. */
    void attachAsset(long lessonId, long assetId);

    /** A rendition of {@code height} pixels is published: the lesson becomes PLAYABLE. */
    void renditionPublished(long lessonId, int height);

    /** Every rendition is done: READY, with the duration and whether a poster (and sprite) exists. */
    void ready(long lessonId, int durationSeconds, boolean hasPoster);

    /** The source is not usable video: REJECTED with a reason the uploader can act on. */
    void rejected(long lessonId, String reasonZh, String reasonEn);

    /** Processing broke for good (after retries): FAILED with a reason. */
    void failed(long lessonId, String reasonZh, String reasonEn);
}
