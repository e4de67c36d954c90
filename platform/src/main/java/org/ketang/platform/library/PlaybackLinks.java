package org.ketang.platform.library;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Signed, expiring playback URLs for a media asset, implemented over the media module (its
 * {@code PlaybackTokens.issue(assetId, userId, ttl)} path prefix). The library calls it only after its own
 * visibility check; without an implementation playback answers 409 {@code not-playable}.
 */
public interface PlaybackLinks {

    /** Links for one viewer, or empty when the asset has nothing playable. */
    Optional<Links> linksFor(long assetId, long userId);

    /**
     * A link that downloads the asset's original file, saved as {@code fileName} (plus the original's extension).
     * Ask only for a viewer who may download; empty when downloads are not offered.
     */
    default Optional<String> downloadUrl(long assetId, long userId, String fileName) {
        return Optional.empty();
    }

    /**
     * @param hlsUrl       the master playlist
     * @param posterUrl    the poster image, if any
     * @param spriteVttUrl the seek-preview WebVTT, if any
     */
    record Links(String hlsUrl, @Nullable String posterUrl, @Nullable String spriteVttUrl) {
    }
}
