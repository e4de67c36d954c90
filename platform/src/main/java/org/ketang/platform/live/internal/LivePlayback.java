package org.ketang.platform.live.internal;

import java.time.Instant;

import org.ketang.platform.media.PlaybackTokens;
import org.springframework.stereotype.Component;

/**
 * Playback links of live channels: a token signed by the media module's key ({@link PlaybackTokens#sign}), bound to
 * the channel and the viewer, short-lived (the player renews it while it plays). The platform serves the HLS under
 * {@code /live/play/<token>/}; with a media server in front, the link is {@code ketang.live.hooks.play-url} and the
 * server's {@code on_play} hook checks the token.
 */
@Component
public class LivePlayback {

    /** The token purpose of live channels. */
    public static final String PURPOSE = "live";

    /** The playlist a recorder pushes and viewers open. */
    public static final String PLAYLIST = "index.m3u8";

    private final PlaybackTokens tokens;
    private final LiveSettings settings;

    LivePlayback(PlaybackTokens tokens, LiveSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    /** A link to play. */
    public record Link(String url, Instant expiresAt) {
    }

    /** A link for {@code userId} to the channel of {@code classroomId}; check that they may watch first. */
    public Link issue(long classroomId, long userId) {
        String token = tokens.sign(PURPOSE, classroomId, userId, settings.playbackTtl());
        Instant expires = tokens.verify(PURPOSE, token).orElseThrow().expiresAt();
        String template = settings.hooks().playUrl();
        String url = template == null || template.isBlank() ? "/live/play/" + token + "/" + PLAYLIST
                : template.replace("{stream}", Long.toString(classroomId)).replace("{token}", token);
        return new Link(url, expires);
    }

    /** The classroom a valid token grants, or empty. */
    public java.util.Optional<Long> classroomOf(String token) {
        return tokens.verify(PURPOSE, token).map(PlaybackTokens.Granted::id);
    }
}
