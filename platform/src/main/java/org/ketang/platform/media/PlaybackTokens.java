package org.ketang.platform.media;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

    /**
     * A bare token, signed with the same key, granting {@code userId} the thing {@code id} of another module's
     * {@code purpose} (e.g. {@code live} for a live channel) until {@code ttl} has passed. The caller serves the files
     * and checks the token with {@link #verify}. A token of one purpose never verifies for another, nor as an asset's.
     *
     * @param purpose lowercase letters only, e.g. {@code live}
     */
    String sign(String purpose, long id, long userId, Duration ttl);

    /** The grant of a valid, unexpired token made by {@link #sign} for {@code purpose}; empty for anything else. */
    Optional<Granted> verify(String purpose, String token);

    /** What a verified {@link #sign} token grants. */
    record Granted(String purpose, long id, long userId, Instant expiresAt) {
    }
}
