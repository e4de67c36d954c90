package org.ketang.recorder.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceUrlTests {

    @Test
    void everyKindOpensWithItsOwnFfmpegInput() {
        assertThat(SourceUrl.parse("rtsp://admin:secret@10.0.0.5:554/stream1").ffmpegInput())
                .containsSubsequence("-rtsp_transport", "tcp", "-i", "rtsp://admin:secret@10.0.0.5:554/stream1");
        assertThat(SourceUrl.parse("v4l2:///dev/video0?size=1280x720&fps=25&format=mjpeg").ffmpegInput())
                .containsSubsequence("-f", "v4l2", "-input_format", "mjpeg", "-framerate", "25", "-video_size",
                        "1280x720", "-i", "/dev/video0");
        assertThat(SourceUrl.parse("x11grab::0.0").ffmpegInput()).containsSubsequence("-f", "x11grab", "-i", ":0.0");
        assertThat(SourceUrl.parse("alsa:default").ffmpegInput()).containsSubsequence("-f", "alsa", "-i", "default");
        assertThat(SourceUrl.parse("pulse:default").kind().audioOnly()).isTrue();
        assertThat(SourceUrl.parse("file:/srv/lesson.mp4").ffmpegInput())
                .containsSubsequence("-stream_loop", "-1", "-re", "-i", "/srv/lesson.mp4");
        assertThat(SourceUrl.parse("file:///srv/lesson.mp4").target()).isEqualTo("/srv/lesson.mp4");
        assertThat(SourceUrl.parse("synthetic:students").target()).isEqualTo("students");
        assertThat(SourceUrl.parse("lavfi:testsrc2=size=1280x720:rate=25").ffmpegInput())
                .containsSubsequence("-re", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25");
    }

    @Test
    void passwordsNeverLeaveTheBox() {
        assertThat(SourceUrl.parse("rtsp://admin:secret@10.0.0.5:554/stream1").redacted())
                .isEqualTo("rtsp://admin@10.0.0.5:554/stream1");
        assertThat(SourceUrl.parse("rtsp://10.0.0.5/stream@1").redacted()).isEqualTo("rtsp://10.0.0.5/stream@1");
    }

    @Test
    void unknownOrEmptyUrlsAreRefused() {
        assertThatThrownBy(() -> SourceUrl.parse("http://cam/1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceUrl.parse("synthetic:zoo")).hasMessageContaining("classroom");
        assertThatThrownBy(() -> SourceUrl.parse("v4l2://")).isInstanceOf(IllegalArgumentException.class);
    }
}
