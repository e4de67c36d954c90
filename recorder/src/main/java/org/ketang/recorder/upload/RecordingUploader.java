package org.ketang.recorder.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.UploadMetadata;
import org.ketang.recorder.storage.Recording;
import org.ketang.recorder.storage.RecordingLibrary;

import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;

/**
 * Uploads one finished recording by tus 1.0 (tus-java-client) to the platform's {@link AgentApi#UPLOADS} with the
 * device token and the {@link UploadMetadata} keys. The upload URL lives in the recording's sidecar, so after any
 * cut — a dropped connection, a restarted agent — the next attempt asks the server for its offset ({@code HEAD})
 * and sends only the rest. A URL the server no longer knows (404) or refused (410) is forgotten and the upload
 * starts over.
 */
public final class RecordingUploader {

    private static final int CHUNK = 64 * 1024;
    private static final int REQUEST_PAYLOAD = 8 * 1024 * 1024;

    /**
     * Where uploads go.
     *
     * @param platform the platform's base URL
     * @param token    the device's bearer token
     */
    public record Target(URI platform, String token) {
    }

    /** The upload stopped before the end because it was asked to (the window closed, the agent stops). */
    public static final class Paused extends Exception {
        Paused(String message) {
            super(message);
        }
    }

    /** Progress of the running upload. */
    public record Progress(String recordingId, long offset, long size) {
    }

    private final RecordingLibrary library;
    private final Supplier<Optional<Target>> target;
    private volatile @Nullable Progress progress;

    public RecordingUploader(RecordingLibrary library, Supplier<Optional<Target>> target) {
        this.library = library;
        this.target = target;
    }

    /** The running upload's progress, or null. */
    public @Nullable Progress progress() {
        return progress;
    }

    /**
     * Uploads {@code recording} to the end and marks it uploaded; resumes a started upload.
     *
     * @param limiter   the bandwidth limit
     * @param keepGoing asked between chunks; when false the upload pauses (its offset is kept by the server)
     * @throws IOException       the connection broke or the server refused (try again later)
     * @throws ProtocolException the server answered unexpectedly (try again later)
     */
    public Recording upload(Recording recording, BandwidthLimiter limiter, BooleanSupplier keepGoing)
            throws IOException, ProtocolException, Paused {
        Target where = target.get().orElseThrow(() -> new IOException("not enrolled: nowhere to upload"));
        Path file = library.file(recording).orElseThrow(() -> new IOException(recording.id() + " has no file"));
        long size = Files.size(file);
        TusClient client = new TusClient() {
            @Override
            public void prepareConnection(HttpURLConnection connection) {
                super.prepareConnection(connection);
                // the last PATCH answers after the platform hashed the whole file
                connection.setReadTimeout(300_000);
            }
        };
        client.setUploadCreationURL(URI.create(where.platform().toString().replaceAll("/+$", "") + AgentApi.UPLOADS)
                .toURL());
        client.setHeaders(Map.of("Authorization", "Bearer " + where.token()));
        client.setConnectTimeout(10_000);
        client.enableResuming(new SidecarUrlStore());

        TusUploader uploader;
        InputStream in = new ThrottledInputStream(Files.newInputStream(file), limiter);
        try {
            TusUpload upload = upload(recording, size, in);
            try {
                uploader = client.resumeOrCreateUpload(upload);
            } catch (ProtocolException e) {
                if (!gone(e)) {
                    throw e;
                }
                // the server rejected or expired the old upload: start a new one
                library.update(recording.id(), Recording::withoutUploadUrl);
                in.close();
                in = new ThrottledInputStream(Files.newInputStream(file), limiter);
                upload = upload(recording, size, in);
                uploader = client.createUpload(upload);
            }
            uploader.setChunkSize(CHUNK);
            uploader.setRequestPayloadSize(REQUEST_PAYLOAD);
            progress = new Progress(recording.id(), uploader.getOffset(), size);
            while (uploader.uploadChunk() > -1) {
                progress = new Progress(recording.id(), uploader.getOffset(), size);
                if (!keepGoing.getAsBoolean()) {
                    uploader.finish();
                    throw new Paused("paused at " + uploader.getOffset() + " of " + size);
                }
            }
            uploader.finish();
        } finally {
            progress = null;
            in.close();
        }
        return library.update(recording.id(), Recording::uploaded).orElseThrow();
    }

    private TusUpload upload(Recording recording, long size, InputStream in) {
        TusUpload upload = new TusUpload();
        upload.setSize(size);
        upload.setFingerprint(recording.id());
        upload.setInputStream(in);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(UploadMetadata.PURPOSE, AgentApi.UPLOAD_PURPOSE);
        metadata.put(UploadMetadata.RECORDING_ID, recording.id());
        metadata.put(UploadMetadata.STARTED_AT, recording.startedAt().toString());
        if (recording.endedAt() != null) {
            metadata.put(UploadMetadata.ENDED_AT, recording.endedAt().toString());
        }
        metadata.put(UploadMetadata.FILENAME, recording.id() + ".mp4");
        metadata.put("filetype", "video/mp4");
        if (recording.sha256() != null) {
            metadata.put(UploadMetadata.SHA256, recording.sha256());
        }
        if (recording.scheduleUid() != null) {
            metadata.put(UploadMetadata.SCHEDULE_UID, recording.scheduleUid());
        }
        if (recording.title() != null && !recording.title().isBlank()) {
            metadata.put("title", recording.title());
        }
        upload.setMetadata(metadata);
        return upload;
    }

    private static boolean gone(ProtocolException e) {
        try {
            HttpURLConnection connection = e.getCausingConnection();
            int status = connection == null ? -1 : connection.getResponseCode();
            return status == 404 || status == 410;
        } catch (IOException unknown) {
            return false;
        }
    }

    /** The upload URL lives in the recording's sidecar (the fingerprint is the recording id). */
    private final class SidecarUrlStore implements TusURLStore {
        @Override
        public void set(String fingerprint, URL url) {
            try {
                library.update(fingerprint, r -> r.uploading(url.toString()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public @Nullable URL get(String fingerprint) {
            return library.find(fingerprint).map(Recording::uploadUrl).map(u -> {
                try {
                    return URI.create(u).toURL();
                } catch (IOException | IllegalArgumentException e) {
                    return null;
                }
            }).orElse(null);
        }

        @Override
        public void remove(String fingerprint) {
            // the URL stays in the sidecar for the report; the phase says the upload is done
        }
    }
}
