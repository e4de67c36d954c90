package org.ketang.platform.homeschool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AttachmentKindTests {

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void picturesRecordingsVideosAndPdfsAreKnownByTheirFirstBytes() {
        assertThat(AttachmentKind.of(bytes("\u00FF\u00D8\u00FF\u00E0..JFIF"))).hasValueSatisfying(s -> {
            assertThat(s.kind()).isEqualTo(AttachmentKind.IMAGE);
            assertThat(s.contentType()).isEqualTo("image/jpeg");
        });
        assertThat(AttachmentKind.of(bytes("\u0000\u0000\u0000\u0018ftypheic"))).get()
                .extracting(AttachmentKind.Sniffed::contentType).isEqualTo("image/heic");
        assertThat(AttachmentKind.of(bytes("\u0000\u0000\u0000\u001CftypM4A "))).get()
                .extracting(AttachmentKind.Sniffed::kind).isEqualTo(AttachmentKind.AUDIO);
        assertThat(AttachmentKind.of(bytes("\u0000\u0000\u0000\u0018ftypisom"))).get()
                .extracting(AttachmentKind.Sniffed::kind).isEqualTo(AttachmentKind.VIDEO);
        assertThat(AttachmentKind.of(bytes("\u001A\u0045\u00DF\u00A3"))).get()
                .extracting(AttachmentKind.Sniffed::contentType).isEqualTo("audio/webm");
        assertThat(AttachmentKind.of(bytes("#!AMR\n"))).get().extracting(AttachmentKind.Sniffed::kind)
                .isEqualTo(AttachmentKind.AUDIO);
        assertThat(AttachmentKind.of(bytes("%PDF-1.7"))).get().extracting(AttachmentKind.Sniffed::kind)
                .isEqualTo(AttachmentKind.PDF);
    }

    @Test
    void pagesScriptsAndEmptyFilesAreRefused() {
        assertThat(AttachmentKind.of(bytes("<!DOCTYPE html><script>"))).isEmpty();
        assertThat(AttachmentKind.of(bytes("<svg onload=alert(1)>"))).isEmpty();
        assertThat(AttachmentKind.of(new byte[0])).isEmpty();
        assertThat(AttachmentKind.of(bytes("RIFF"))).isEmpty();
    }
}
