package org.ketang.platform.media;

import org.jspecify.annotations.Nullable;

/** What {@link MediaProbe} found: usable video with its properties, or unusable with the reason. */
public sealed interface ProbeResult {

    /**
     * A file with a decodable video stream.
     *
     * @param durationSeconds container duration
     * @param container       ffprobe format name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
     * @param fps             average frame rate of the video stream (0 when unknown)
     * @param audioCodec      {@code null} when the file has no audio
     */
    record Playable(double durationSeconds, String container, String videoCodec, int width, int height, double fps,
            @Nullable String audioCodec, int audioChannels) implements ProbeResult {
    }

    /** A file that must not enter the library, with a reason the uploader understands. */
    record Unusable(Reason reason, String detail) implements ProbeResult {

        public String reasonZh() {
            return reason.zh;
        }

        public String reasonEn() {
            return reason.en;
        }
    }

    /** Why a file is unusable. */
    enum Reason {
        EMPTY("文件为空（0 字节）", "The file is empty (0 bytes)"),
        NOT_MEDIA("不是音视频文件", "Not a media file"),
        NO_VIDEO("文件中没有视频画面（只有音频）", "The file has no video stream (audio only)"),
        UNSUPPORTED_CODEC("不支持的视频编码", "Unsupported video codec"),
        TRUNCATED("文件不完整或已损坏", "The file is truncated or corrupt");

        private final String zh;
        private final String en;

        Reason(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String zh() {
            return zh;
        }

        public String en() {
            return en;
        }
    }
}
