package org.ketang.platform.homeschool.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an attachment is, decided from its first bytes rather than the name or type the phone claims: the app
 * serves attachments back to other people's phones, so only pictures, recordings, videos and PDFs are accepted
 * (never HTML or scripts a browser could run).
 */
public enum AttachmentKind {
    IMAGE, AUDIO, VIDEO, PDF;

    /** The kind and the content type to serve, or empty for anything else. */
    public record Sniffed(AttachmentKind kind, String contentType) {
    }

    static Optional<Sniffed> of(Path file) throws IOException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return of(Arrays.copyOf(head, n));
    }

    static Optional<Sniffed> of(byte[] head) {
        if (starts(head, 0, 0xFF, 0xD8, 0xFF)) {
            return found(IMAGE, "image/jpeg");
        }
        if (starts(head, 0, 0x89, 'P', 'N', 'G')) {
            return found(IMAGE, "image/png");
        }
        if (ascii(head, 0, "GIF8")) {
            return found(IMAGE, "image/gif");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return found(IMAGE, "image/webp");
        }
        if (ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
            return found(AUDIO, "audio/wav");
        }
        if (ascii(head, 0, "ID3") || starts(head, 0, 0xFF, 0xFB) || starts(head, 0, 0xFF, 0xF3) || starts(head, 0, 0xFF, 0xF2)) {
            return found(AUDIO, "audio/mpeg");
        }
        if (starts(head, 0, 0xFF, 0xF1) || starts(head, 0, 0xFF, 0xF9)) {
            return found(AUDIO, "audio/aac");
        }
        if (ascii(head, 0, "OggS")) {
            return found(AUDIO, "audio/ogg");
        }
        if (ascii(head, 0, "#!AMR")) {
            return found(AUDIO, "audio/amr");
        }
        if (starts(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            // WebM/Matroska: what Chrome's MediaRecorder makes of a voice message
            return found(AUDIO, "audio/webm");
        }
        if (ascii(head, 0, "%PDF")) {
            return found(PDF, "application/pdf");
        }
        if (ascii(head, 4, "ftyp")) {
            String brand = new String(head, 8, Math.min(4, Math.max(0, head.length - 8)), StandardCharsets.US_ASCII);
            if (brand.startsWith("heic") || brand.startsWith("heix") || brand.startsWith("mif1")) {
                return found(IMAGE, "image/heic");
            }
            if (brand.startsWith("M4A")) {
                return found(AUDIO, "audio/mp4");
            }
            return found(VIDEO, brand.startsWith("qt") ? "video/quicktime" : "video/mp4");
        }
        return Optional.empty();
    }

    private static Optional<Sniffed> found(AttachmentKind kind, String type) {
        return Optional.of(new Sniffed(kind, type));
    }

    private static boolean starts(byte[] head, int at, int... bytes) {
        if (head.length < at + bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[at + i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int at, String text) {
        return starts(head, at, text.chars().toArray());
    }
}
