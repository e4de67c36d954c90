package org.ketang.platform.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketang.platform.media.ProbeResult.Playable;
import org.ketang.platform.media.ProbeResult.Reason;
import org.ketang.platform.media.ProbeResult.Unusable;
import org.ketang.platform.media.internal.FfprobeMediaProbe;

class MediaProbeTests {

    final MediaProbe probe = new FfprobeMediaProbe(TestVideos.FFMPEG);

    @Test
    void aGoodClipIsPlayableWithItsProperties() {
        ProbeResult result = probe.probe(TestVideos.clip(640, 360, 4));
        assertThat(result).isInstanceOf(Playable.class);
        Playable media = (Playable) result;
        assertThat(media.videoCodec()).isEqualTo("h264");
        assertThat(media.width()).isEqualTo(640);
        assertThat(media.height()).isEqualTo(360);
        assertThat(media.fps()).isEqualTo(25.0);
        assertThat(media.durationSeconds()).isBetween(3.9, 4.2);
        assertThat(media.audioCodec()).isEqualTo("aac");
        assertThat(media.audioChannels()).isEqualTo(1);
        assertThat(media.container()).contains("mp4");
    }

    @Test
    void anAudioOnlyFileHasNoVideo() {
        assertThat(reasonFor(TestVideos.audioOnly())).isEqualTo(Reason.NO_VIDEO);
    }

    @Test
    void aTextFileRenamedMp4IsNotMedia() throws Exception {
        Unusable result = (Unusable) probe.probe(TestVideos.textRenamedMp4());
        assertThat(result.reason()).isEqualTo(Reason.NOT_MEDIA);
        assertThat(result.reasonZh()).isEqualTo("不是音视频文件");
        assertThat(result.reasonEn()).isEqualTo("Not a media file");
    }

    @Test
    void anEmptyFileIsEmpty() throws Exception {
        assertThat(reasonFor(TestVideos.empty())).isEqualTo(Reason.EMPTY);
    }

    @Test
    void aClipCutInHalfIsTruncated() throws Exception {
        assertThat(reasonFor(TestVideos.truncated())).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void aVideoCodecNobodyKnowsIsUnsupported() throws Exception {
        assertThat(reasonFor(TestVideos.unknownCodec())).isEqualTo(Reason.UNSUPPORTED_CODEC);
    }

    private Reason reasonFor(java.nio.file.Path file) {
        ProbeResult result = probe.probe(file);
        assertThat(result).isInstanceOf(Unusable.class);
        return ((Unusable) result).reason();
    }
}
