package org.ketang.platform.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelFilesTests {

    @Test
    void aRecorderWritesOnlyPlainHlsFileNames() {
        assertThat(ChannelFiles.validName("index.m3u8")).isTrue();
        assertThat(ChannelFiles.validName("index42.ts")).isTrue();
        assertThat(ChannelFiles.validName("init.mp4")).isTrue();
        assertThat(ChannelFiles.validName("seg_00001.M4S")).isTrue();
        assertThat(ChannelFiles.validName("..")).isFalse();
        assertThat(ChannelFiles.validName("../index.m3u8")).isFalse();
        assertThat(ChannelFiles.validName("a/b.ts")).isFalse();
        assertThat(ChannelFiles.validName(".put-1.ts")).isFalse();
        assertThat(ChannelFiles.validName("x..ts")).isFalse();
        assertThat(ChannelFiles.validName("index.m3u8.tmp")).isFalse();
        assertThat(ChannelFiles.validName("playback.key")).isFalse();
        assertThat(ChannelFiles.validName("ts")).isFalse();
        assertThat(ChannelFiles.validName("a".repeat(61) + ".ts")).isTrue();
        assertThat(ChannelFiles.validName("a".repeat(62) + ".ts")).isFalse();
    }

    @Test
    void aPlaylistNamesItsSegmentsAndItsInitSection() {
        String playlist = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:1
                #EXT-X-MEDIA-SEQUENCE:40
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:1.000000,
                index40.m4s
                #EXTINF:1.000000,
                http://platform/api/agent/v1/live/index41.m4s?x=1
                #EXTINF:1.000000,\r
                ../live/index42.m4s\r
                """;
        assertThat(ChannelFiles.referencedBy(playlist))
                .containsExactlyInAnyOrder("init.mp4", "index40.m4s", "index41.m4s", "index42.m4s");
    }
}
