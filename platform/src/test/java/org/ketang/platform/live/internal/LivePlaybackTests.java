package org.ketang.platform.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.ketang.platform.media.internal.HmacPlaybackTokens;
import org.springframework.util.unit.DataSize;

class LivePlaybackTests {

    final HmacPlaybackTokens tokens = new HmacPlaybackTokens("0123456789abcdef0123456789abcdef".getBytes(),
            Clock.systemUTC());

    LiveSettings settings(String playUrl) {
        return new LiveSettings(Path.of("live"), Duration.ofSeconds(5), Duration.ofSeconds(30), DataSize.ofMegabytes(16),
                Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(60), Duration.ofMinutes(10),
                new LiveSettings.Hooks("secret", playUrl));
    }

    @Test
    void thePlatformServesTheChannelUnderTheSignedPath() {
        var link = new LivePlayback(tokens, settings(null)).issue(42, 7);
        assertThat(link.url()).startsWith("/live/play/live-42.7.").endsWith("/index.m3u8");
        String token = link.url().split("/")[3];
        assertThat(new LivePlayback(tokens, settings(null)).classroomOf(token)).contains(42L);
    }

    @Test
    void withAMediaServerInFrontTheLinkPointsThereAndCarriesTheToken() {
        var link = new LivePlayback(tokens, settings("https://live.example.edu/live/{stream}.m3u8?token={token}"))
                .issue(42, 7);
        assertThat(link.url()).startsWith("https://live.example.edu/live/42.m3u8?token=live-42.7.");
        String token = link.url().substring(link.url().indexOf("token=") + 6);
        assertThat(tokens.verify(LivePlayback.PURPOSE, token)).hasValueSatisfying(g -> assertThat(g.id()).isEqualTo(42));
    }
}
