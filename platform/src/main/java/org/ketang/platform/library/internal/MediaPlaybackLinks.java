package org.ketang.platform.library.internal;

import java.time.Duration;
import java.util.Optional;

import org.ketang.platform.library.PlaybackLinks;
import org.ketang.platform.media.MediaLibrary;
import org.ketang.platform.media.PlaybackTokens;
import org.springframework.stereotype.Component;

/**
 * Playback links as signed, expiring media paths. The library has checked the lesson's visibility before it
 * asks; the token then authorises every playlist, segment and image under it.
 */
@Component
class MediaPlaybackLinks implements PlaybackLinks {

    /** Long enough for a lesson watched with pauses; the player asks again when it reopens the page. */
    static final Duration TTL = Duration.ofHours(6);

    private final MediaLibrary media;
    private final PlaybackTokens tokens;

    MediaPlaybackLinks(MediaLibrary media, PlaybackTokens tokens) {
        this.media = media;
        this.tokens = tokens;
    }

    @Override
    public Optional<Links> linksFor(long assetId, long userId) {
        return media.status(assetId).filter(status -> !status.renditions().isEmpty()).map(status -> {
            String prefix = tokens.issue(assetId, userId, TTL);
            boolean images = status.posterKey() != null;
            // the sprite is made in the same step as the poster
            return new Links(prefix + "master.m3u8", images ? prefix + "poster.jpg" : null,
                    images ? prefix + "sprite.vtt" : null);
        });
    }

    @Override
    public Optional<String> downloadUrl(long assetId, long userId, String fileName) {
        return media.status(assetId).map(status -> tokens.downloadPath(assetId, userId, TTL, fileName));
    }
}
