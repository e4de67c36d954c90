package org.ketang.platform.signage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.ingest.UploadCompleted;
import org.ketang.platform.ingest.Uploads;
import org.ketang.platform.media.MediaFailed;
import org.ketang.platform.media.MediaLibrary;
import org.ketang.platform.media.MediaReady;
import org.ketang.platform.media.MediaRejected;
import org.ketang.platform.media.MediaStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Uploaded files as signage content. The console first creates the item (kind VIDEO or IMAGE, {@code upload: true}),
 * then sends the file through ingest's resumable uploads with the metadata {@code purpose=signage} and
 * {@code contentId}. A finished video goes to the media module (owner {@code signage:<id>}) and plays as HLS once
 * ready; an image is kept in media storage and played as a file, which displays cache ahead. Only the account that
 * created the item can fill it, and only once. Every step is idempotent: an event delivered again changes nothing twice.
 */
@Component
class SignageUploads {

    static final String PURPOSE = "signage";
    static final String OWNER_PREFIX = "signage:";
    private static final Logger log = LoggerFactory.getLogger(SignageUploads.class);

    private final SignageStore store;
    private final Signage signage;
    private final Uploads uploads;
    private final MediaLibrary media;
    private final MediaStorage storage;

    SignageUploads(SignageStore store, Signage signage, Uploads uploads, MediaLibrary media, MediaStorage storage) {
        this.store = store;
        this.signage = signage;
        this.uploads = uploads;
        this.media = media;
        this.storage = storage;
    }

    @ApplicationModuleListener
    void on(UploadCompleted upload) {
        if (!PURPOSE.equals(upload.purpose())) {
            return;
        }
        Optional<Content> found = contentOf(upload.metadata());
        if (found.isEmpty() || !found.get().uploaded()
                || !store.contentCreator(found.get().id()).map(by -> by == upload.ownerUserId()).orElse(false)) {
            log.warn("Signage upload {} names no content of its uploader {}: ignored", upload.uploadId(),
                    upload.ownerUserId());
            return;
        }
        Content c = found.get();
        if (c.uploadState() != Content.UploadState.AWAITING) {
            return;
        }
        Path file = uploads.claim(upload.uploadId());
        try {
            if (c.kind() == Content.Kind.IMAGE) {
                String type = imageType(file).orElse("application/octet-stream");
                String key = "signage/" + c.id() + "/" + safeName(upload.filename());
                storage.put(key, file);
                store.uploadProgress(c.id(), Content.UploadState.READY, null, key, type, null, null);
                signage.changed(c.schoolId());
            } else {
                long asset = media.submit(OWNER_PREFIX + c.id(), file);
                store.uploadProgress(c.id(), Content.UploadState.PROCESSING, asset, null, "video/mp4", null, null);
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ApplicationModuleListener
    void on(MediaReady e) {
        contentOf(e.ownerRef()).ifPresent(id -> {
            store.uploadProgress(id, Content.UploadState.READY, e.assetId(), null, null,
                    (int) Math.max(1, Math.round(e.durationSeconds())), null);
            store.content(id).ifPresent(c -> signage.changed(c.schoolId()));
        });
    }

    @ApplicationModuleListener
    void on(MediaRejected e) {
        contentOf(e.ownerRef()).ifPresent(id -> store.uploadProgress(id, Content.UploadState.REJECTED, e.assetId(), null,
                null, null, e.reasonZh() + " / " + e.reasonEn()));
    }

    @ApplicationModuleListener
    void on(MediaFailed e) {
        contentOf(e.ownerRef()).ifPresent(id -> store.uploadProgress(id, Content.UploadState.FAILED, e.assetId(), null,
                null, null, clip(e.error())));
    }

    private Optional<Content> contentOf(Map<String, String> metadata) {
        return contentOf(store, metadata);
    }

    /** The content an upload's {@code contentId} metadata names. */
    static Optional<Content> contentOf(SignageStore store, Map<String, String> metadata) {
        String id = metadata.get("contentId");
        if (id == null || id.isBlank() || !id.strip().chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return store.content(Long.parseLong(id.strip()));
    }

    private static Optional<Long> contentOf(String ownerRef) {
        if (!ownerRef.startsWith(OWNER_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(ownerRef.substring(OWNER_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The MIME type of an image file from its first bytes (the name and the browser's word are not trusted). */
    static Optional<String> imageType(Path file) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return Optional.empty();
        }
        byte[] h = Arrays.copyOf(head, n);
        if (starts(h, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(h, 0x89, 'P', 'N', 'G')) {
            return Optional.of("image/png");
        }
        if (starts(h, 'G', 'I', 'F', '8')) {
            return Optional.of("image/gif");
        }
        if (starts(h, 'R', 'I', 'F', 'F') && h.length >= 12 && h[8] == 'W' && h[9] == 'E' && h[10] == 'B' && h[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String safeName(@Nullable String filename) {
        String name = filename == null ? "" : filename.replaceAll("[^A-Za-z0-9._-]", "_");
        name = name.replaceAll("^[._]+", "");
        return name.isEmpty() ? "file" : name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    private static String clip(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
