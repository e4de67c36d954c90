package org.ketang.platform.signage.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.ketang.platform.ingest.UploadCheck;
import org.ketang.platform.media.MediaProbe;
import org.ketang.platform.media.ProbeResult;
import org.springframework.stereotype.Component;

/**
 * The check of a signage upload ({@code purpose=signage}) at its last byte: it must fill content that waits for a
 * file, and be what that content says (a usable video, a real image). Apart from {@link SignageUploads}, which
 * needs ingest's uploads while ingest needs every check.
 */
@Component
class SignageUploadCheck implements UploadCheck {

    private final SignageStore store;
    private final MediaProbe probe;

    SignageUploadCheck(SignageStore store, MediaProbe probe) {
        this.store = store;
        this.probe = probe;
    }

    /** Refuses at the last byte what could never play: a "video" without a usable stream, an "image" that is none. */
    @Override
    public Optional<Rejection> check(Path file, String filename, Map<String, String> metadata) {
        if (!SignageUploads.PURPOSE.equals(metadata.get("purpose"))) {
            return Optional.empty();
        }
        Optional<Content> content = SignageUploads.contentOf(store, metadata);
        if (content.isEmpty() || content.get().uploadState() != Content.UploadState.AWAITING) {
            return Optional.of(new Rejection("no-signage-content", "找不到等待上传文件的内容，请重新新建",
                    "No content is waiting for this file; create it again"));
        }
        if (content.get().kind() == Content.Kind.IMAGE) {
            return SignageUploads.imageType(file).isPresent() ? Optional.empty()
                    : Optional.of(new Rejection("not-an-image", "不是图片文件（支持 JPEG、PNG、GIF、WebP）",
                            "Not an image (JPEG, PNG, GIF or WebP)"));
        }
        if (probe.probe(file) instanceof ProbeResult.Unusable unusable) {
            return Optional.of(new Rejection(unusable.reason().name().toLowerCase(Locale.ROOT),
                    "不是可用的视频文件：" + unusable.reasonZh(), "Not a usable video: " + unusable.reasonEn()));
        }
        return Optional.empty();
    }
}
