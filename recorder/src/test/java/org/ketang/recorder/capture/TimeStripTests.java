package org.ketang.recorder.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimeStripTests {

    static final long T = 1_795_996_800_123L; // 2026-11-24T00:00:00.123Z

    static BufferedImage frame(int width, int height, long millis) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(0x556677));
        g.fillRect(0, 0, width, height);
        TimeStrip.draw(g, width, millis);
        g.dispose();
        return image;
    }

    static OptionalLong decode(BufferedImage image) {
        return TimeStrip.decode((x, y) -> {
            int rgb = image.getRGB(x, y);
            return (int) (0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF));
        }, image.getWidth(), image.getHeight());
    }

    static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    @Test
    void whatIsDrawnIsReadBack() {
        assertThat(decode(frame(640, 360, T))).hasValue(T);
        assertThat(decode(frame(640, 360, 0))).hasValue(0);
        assertThat(decode(frame(640, 360, (1L << 48) - 1))).hasValue((1L << 48) - 1);
    }

    @Test
    void survivesScalingUpAndDownAndNoise() {
        BufferedImage small = frame(640, 360, T);
        assertThat(decode(scaled(small, 1920, 1080))).hasValue(T);
        assertThat(decode(scaled(small, 1280, 720))).hasValue(T);
        assertThat(decode(scaled(small, 320, 180))).hasValue(T);
        BufferedImage noisy = scaled(small, 1920, 1080);
        Random random = new Random(1);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 900; x++) {
                int rgb = noisy.getRGB(x, y);
                int v = Math.max(0, Math.min(255, (rgb & 0xFF) + random.nextInt(61) - 30));
                noisy.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        assertThat(decode(noisy)).hasValue(T);
    }

    @Test
    void aPictureWithoutAStripOrWithADamagedOneGivesNothing() {
        BufferedImage plain = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
        assertThat(decode(plain)).isEmpty();

        BufferedImage damaged = frame(640, 360, T);
        Graphics2D g = damaged.createGraphics();
        // flip one data block (row 0, block 10): the CRC no longer matches
        int s = 640 / TimeStrip.WIDTH_DIVISOR;
        boolean white = (damaged.getRGB(11 * s + s / 2, s + s / 2) & 0xFF) > 128;
        g.setColor(white ? java.awt.Color.BLACK : java.awt.Color.WHITE);
        g.fillRect(11 * s, s, s, s);
        g.dispose();
        assertThat(decode(damaged)).isEmpty();
    }

    @Test
    void theBitsAreTheTimeThenItsCrc() {
        boolean[] bits = TimeStrip.bits(T);
        long time = 0;
        for (int i = 0; i < 48; i++) {
            time = time << 1 | (bits[i] ? 1 : 0);
        }
        assertThat(time).isEqualTo(T);
        assertThat(bits).hasSize(56);
        // CRC-8/SMBUS check value of "123456789" is 0xF4
        assertThat(TimeStrip.crc8("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo(0xF4);
        assertThatThrownBy(() -> TimeStrip.bits(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
