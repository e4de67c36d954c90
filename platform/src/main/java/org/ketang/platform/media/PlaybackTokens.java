package org.ketang.platform.media;

import java.time.Duration;

/**
 * Issues signed, expiring playback paths. Check that the user may watch before issuing: the token is the only
 * authorisation the HLS files are served with.
 */
public interface PlaybackTokens {

    /**
     * Returns a path prefix such as {@code /media/play/<token>/}; append {@code master.m3u8}, {@code poster.jpg},
     * {@code sprite.vtt}. Relative URLs inside the playlists carry the token automatically.
     */
    String issue(long assetId, long userId, Duration ttl);
}
