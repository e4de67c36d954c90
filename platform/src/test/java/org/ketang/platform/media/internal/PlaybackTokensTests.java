package org.ketang.platform.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class PlaybackTokensTests {

    final byte[] key = "0123456789abcdef0123456789abcdef".getBytes();
    final Clock now = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
    final HmacPlaybackTokens tokens = new HmacPlaybackTokens(key, now);

    @Test
    void anIssuedTokenGrantsItsAssetToItsUser() {
        String path = tokens.issue(42, 7, Duration.ofHours(2));
        assertThat(path).startsWith("/media/play/").endsWith("/");
        var grant = tokens.verify(token(path)).orElseThrow();
        assertThat(grant.assetId()).isEqualTo(42);
        assertThat(grant.userId()).isEqualTo(7);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = token(tokens.issue(42, 7, Duration.ofHours(2)));
        assertThat(tokens.verify(token.replaceFirst("^42\\.", "43."))).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 1) + "A")).isEmpty();
        assertThat(tokens.verify("42.7.99999999999")).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = token(tokens.issue(42, 7, Duration.ofMinutes(1)));
        var later = new HmacPlaybackTokens(key, Clock.offset(now, Duration.ofMinutes(2)));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void anotherKeyDoesNotAcceptTheToken() {
        String token = token(tokens.issue(42, 7, Duration.ofHours(2)));
        assertThat(new HmacPlaybackTokens("fedcba9876543210fedcba9876543210".getBytes(), now).verify(token)).isEmpty();
    }

    @Test
    void aTokenForAnotherPurposeGrantsItsThingToItsUserAndNothingElse() {
        String token = tokens.sign("live", 42, 7, Duration.ofMinutes(10));
        var granted = tokens.verify("live", token).orElseThrow();
        assertThat(granted.id()).isEqualTo(42);
        assertThat(granted.userId()).isEqualTo(7);
        assertThat(granted.expiresAt()).isEqualTo(now.instant().plus(Duration.ofMinutes(10)));
        assertThat(tokens.verify("chat", token)).isEmpty();
        assertThat(tokens.verify(token)).as("not an asset token").isEmpty();
        assertThat(tokens.verify("live", token.replace("live-42.", "live-43."))).isEmpty();
        assertThat(tokens.verify("live", token(tokens.issue(42, 7, Duration.ofHours(2))))).isEmpty();
        var later = new HmacPlaybackTokens(key, Clock.offset(now, Duration.ofMinutes(11)));
        assertThat(later.verify("live", token)).isEmpty();
    }

    static String token(String path) {
        return path.substring("/media/play/".length(), path.length() - 1);
    }
}
