package org.ketang.platform.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class ThumbnailTests {

    static byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[size - 2] = (byte) 0xFF;
        bytes[size - 1] = (byte) 0xD9;
        return bytes;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void aJpegUpTo200KbIsKept() {
        assertThat(Thumbnail.decode(b64(jpeg(1000)))).hasValueSatisfying(b -> assertThat(b).hasSize(1000));
        assertThat(Thumbnail.decode(b64(jpeg(Thumbnail.MAX_BYTES)))).isPresent();
    }

    @Test
    void aLargerPictureIsDropped() {
        assertThat(Thumbnail.decode(b64(jpeg(Thumbnail.MAX_BYTES + 1)))).isEmpty();
    }

    @Test
    void somethingThatIsNotAJpegIsDropped() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };
        assertThat(Thumbnail.decode(b64(png))).isEmpty();
        byte[] cut = jpeg(100);
        cut[99] = 0;
        assertThat(Thumbnail.decode(b64(cut))).as("no end-of-image marker").isEmpty();
        assertThat(Thumbnail.decode("not base64 at all!")).isEmpty();
        assertThat(Thumbnail.decode("")).isEmpty();
        assertThat(Thumbnail.decode(null)).isEmpty();
    }
}
