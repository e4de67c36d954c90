package org.ketang.platform.live.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Live settings ({@code ketang.live.*}). The defaults work on one machine with no setup.
 *
 * @param dir           (application.yml: {@code ${ketang.data-dir}/live}) one folder per channel with its HLS files
 * @param staleAfter    a channel is live while its playlist came within this time; a session ends after it
 * @param pruneGrace    a segment no playlist names any more is removed after this (a slow viewer may still fetch it)
 * @param maxFileSize   the largest HLS file a recorder may put (413 beyond)
 * @param playbackTtl   lifetime of a viewer's playback token; the player renews it while it plays
 * @param sweepInterval how often open sessions are checked for staleness
 * @param linkLead      a recording that started up to this long before a live session is the lesson it became
 * @param openClassLinger an open-class mark outlives the broadcast that used it by this long, so that a broadcast
 *                      resuming after a dropout is still an open class; then it is cleared
 * @param hooks         media-server (SRS, ZLMediaKit) hooks
 */
@ConfigurationProperties("ketang.live")
public record LiveSettings(@DefaultValue("data/live") Path dir, @DefaultValue("5s") Duration staleAfter,
        @DefaultValue("30s") Duration pruneGrace, @DefaultValue("16MB") DataSize maxFileSize,
        @DefaultValue("10m") Duration playbackTtl, @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("60m") Duration linkLead, @DefaultValue("10m") Duration openClassLinger,
        @DefaultValue Hooks hooks) {

    /**
     * @param secret  shared secret the media server sends (query {@code secret=} or header
     *                {@code X-Ketang-Hook-Secret}); the hooks answer 404 while it is unset
     * @param playUrl where viewers play when a media server serves the channels, e.g.
     *                {@code https://live.example.edu/live/{stream}.m3u8?token={token}}; unset: the platform serves
     *                the HLS the recorders push to it
     */
    public record Hooks(@Nullable String secret, @Nullable String playUrl) {
    }
}
