package org.ketang.platform.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LadderTests {

    @Test
    void aLadderNeverUpscalesAndListsLowestFirst() {
        assertThat(Ladder.plan(1920, 1080)).extracting(Ladder.Rung::size).containsExactly(360, 480, 720, 1080);
        assertThat(Ladder.plan(1280, 720)).extracting(Ladder.Rung::size).containsExactly(360, 480, 720);
        assertThat(Ladder.plan(640, 360)).extracting(Ladder.Rung::size).containsExactly(360);
        assertThat(Ladder.plan(1000, 700)).extracting(Ladder.Rung::size).containsExactly(360, 480);
    }

    @Test
    void aSourceBelow360pStillGetsOneRenditionAtItsOwnSize() {
        List<Ladder.Rung> rungs = Ladder.plan(320, 240);
        assertThat(rungs).hasSize(1);
        assertThat(rungs.get(0).width()).isEqualTo(320);
        assertThat(rungs.get(0).height()).isEqualTo(240);
    }

    @Test
    void portraitVideoIsScaledByItsShortSide() {
        Ladder.Rung rung = Ladder.plan(720, 1280).get(0);
        assertThat(rung.width()).isEqualTo(360);
        assertThat(rung.height()).isEqualTo(640);
    }

    @Test
    void theMasterPlaylistNamesBandwidthResolutionAndCodecs() {
        String master = Ladder.masterPlaylist(Ladder.plan(1280, 720).subList(0, 2), true, 25);
        assertThat(master).startsWith("#EXTM3U\n").contains("RESOLUTION=640x360", "RESOLUTION=854x480",
                "CODECS=\"avc1.64001e,mp4a.40.2\"", "360p/index.m3u8", "480p/index.m3u8").doesNotContain("720p");
        assertThat(master.indexOf("360p/")).isLessThan(master.indexOf("480p/"));
        assertThat(master).containsPattern("BANDWIDTH=\\d+");
    }

    @Test
    void theSeekPreviewCuesPointIntoTheSprite() {
        MediaPipeline.Sprite sprite = MediaPipeline.Sprite.of(25, 640, 360);
        assertThat(sprite.count()).isEqualTo(13);
        String vtt = sprite.webVtt("sprite.jpg");
        assertThat(vtt).startsWith("WEBVTT").contains("00:00:00.000 --> 00:00:02.000\nsprite.jpg#xywh=0,0,160,90")
                .contains("00:00:24.000 --> 00:00:25.000\nsprite.jpg#xywh=320,90,160,90");
    }
}
