package org.ketang.platform.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.ingest.Upload;
import org.ketang.platform.ingest.Upload.State;
import org.ketang.platform.ingest.UploadCheck;
import org.ketang.platform.ingest.UploadCheck.Rejection;
import org.ketang.platform.ingest.UploadCompleted;
import org.ketang.platform.ingest.UploadPurpose;
import org.ketang.platform.ingest.Uploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of a resumable upload: who may create, see and feed it, how bytes are appended at an offset, and
 * what happens when the last byte arrives (checksum, checks, {@link UploadCompleted}). Everything that must
 * survive a restart is in the table and on disk; the only memory here is a lock per upload being written.
 */
@Service
public class ResumableUploads implements Uploads {

    private static final Logger log = LoggerFactory.getLogger(ResumableUploads.class);

    /** How many bytes may arrive before the offset is saved: a crash loses at most this much. */
    static final long SAVE_EVERY = 8L << 20;

    /** The {@code purpose} of a classroom recorder's upload. */
    static final String RECORDING_PURPOSE = AgentApi.UPLOAD_PURPOSE;

    private final UploadRows rows;
    private final UploadFiles files;
    private final IngestSettings settings;
    private final List<UploadCheck> checks;
    private final List<UploadPurpose> purposes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Map<String, ReentrantLock> writing = new ConcurrentHashMap<>();

    public ResumableUploads(UploadRows rows, UploadFiles files, IngestSettings settings, List<UploadCheck> checks,
            List<UploadPurpose> purposes, ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.rows = rows;
        this.files = files;
        this.settings = settings;
        this.checks = List.copyOf(checks);
        this.purposes = List.copyOf(purposes);
        this.events = events;
        this.transactions = transactions;
    }

    public IngestSettings settings() {
        return settings;
    }

    // --- the tus operations -------------------------------------------------------------------------------

    /** tus creation: checks size, quota and metadata, then records an empty upload and creates its file. */
    public StoredUpload create(Actor actor, long length, @Nullable String metadataHeader) {
        if (metadataHeader != null && metadataHeader.length() > 8000) {
            throw ApiProblem.invalid("Upload-Metadata 太长（最多 8000 个字符）",
                    "Upload-Metadata is too long (at most 8000 characters)");
        }
        Map<String, String> metadata;
        try {
            metadata = TusMetadata.parse(metadataHeader);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("Upload-Metadata 格式不正确：" + e.getMessage(),
                    "Upload-Metadata is malformed: " + e.getMessage());
        }
        @Nullable UploadPurpose purpose = purposes.stream().filter(p -> p.purpose().equals(metadata.get("purpose")))
                .findFirst().orElse(null);
        if (purpose == null) {
            requireUploader(actor);
        } else if (!purpose.mayUpload(actor)) {
            throw ApiProblem.forbidden();
        }
        if (length == 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "empty-upload", "文件是空的（0 字节），无法上传",
                    "The file is empty (0 bytes) and cannot be uploaded");
        }
        if (length < 0) {
            throw ApiProblem.invalid("Upload-Length 必须是非负整数", "Upload-Length must be a non-negative integer");
        }
        long max = purpose == null ? settings.maxUploadSize().toBytes()
                : Math.min(settings.maxUploadSize().toBytes(), purpose.maxSize());
        if (length > max) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large",
                    "文件太大：单个文件最大 " + human(max), "The file is too large: at most " + human(max) + " per file")
                    .with("maxSize", max);
        }
        long quota = settings.perUserQuota().toBytes();
        long held = rows.bytesHeldBy(actor.userId());
        if (held + length > quota) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "upload-quota-exceeded",
                    "超出上传空间配额：您的未完成和待处理上传共占 " + human(held) + "，上限为 " + human(quota)
                            + "。请先完成或删除未完成的上传",
                    "Upload quota exceeded: your unfinished and unprocessed uploads hold " + human(held) + " of "
                            + human(quota) + ". Finish or delete unfinished uploads first")
                    .with(Map.of("quota", quota, "used", held));
        }
        requireFittingPurpose(actor, metadata);
        String expected = metadata.get("sha256");
        if (expected != null) {
            expected = expected.trim().toLowerCase(Locale.ROOT);
            if (!expected.matches("[0-9a-f]{64}")) {
                throw ApiProblem.invalid("sha256 元数据必须是 64 位十六进制", "The sha256 metadata must be 64 hex digits");
            }
        }
        String filename = metadata.getOrDefault("filename", "").strip();
        if (filename.isEmpty()) {
            filename = "upload";
        }
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString().replace("-", "");
        StoredUpload upload = new StoredUpload(id, actor.userId(), actor.schoolId(), length, 0, limit(filename, 500),
                metadata.get("filetype") == null ? null : limit(metadata.get("filetype"), 200), expected, null,
                metadataHeader == null ? "" : metadataHeader, State.RECEIVING, null, now, now,
                now.plus(settings.expireAfter()), null);
        try {
            FileChannel.open(files.fileOf(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.insert(upload);
        return upload;
    }

    /** The upload as its owner (or a manager who reaches it) sees it; 404 for everyone else. */
    public StoredUpload visible(Actor actor, String id) {
        if (!actor.can(Permission.LESSON_UPLOAD) && purposes.stream().noneMatch(p -> p.mayUpload(actor))) {
            throw ApiProblem.forbidden();
        }
        return rows.find(id).filter(u -> u.isVisibleTo(actor)).orElseThrow(ResumableUploads::notFound);
    }

    /** The upload for tus HEAD: gone (410) when it was rejected or expired. */
    public StoredUpload resumable(Actor actor, String id) {
        StoredUpload upload = visible(actor, id);
        if (upload.state() == State.REJECTED || upload.state() == State.EXPIRED) {
            throw gone(upload);
        }
        return upload;
    }

    public List<StoredUpload> list(Actor actor, boolean everyone) {
        requireUploader(actor);
        if (everyone && actor.can(Permission.LESSON_MANAGE)) {
            return rows.all(500).stream().filter(u -> u.isVisibleTo(actor)).toList();
        }
        return rows.ownedBy(actor.userId());
    }

    /**
     * tus PATCH: appends {@code body} at {@code offset}, streaming it to disk in blocks. A body cut short keeps
     * what arrived (the client resumes from HEAD's offset). When the last byte is in, the upload is completed.
     *
     * @param contentLength the request's Content-Length, or -1 when it is chunked
     * @return the upload after the request
     */
    public StoredUpload append(Actor actor, String id, long offset, long contentLength, InputStream body) {
        StoredUpload upload = visible(actor, id);
        if (!upload.acceptsBytesFrom(actor)) {
            throw ApiProblem.forbidden();
        }
        ReentrantLock lock = writing.computeIfAbsent(id, key -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new ApiProblem(HttpStatus.LOCKED, "upload-busy", "该上传正在接收另一个请求的数据，请稍后重试",
                    "This upload is receiving another request; try again shortly");
        }
        try {
            upload = rows.find(id).orElseThrow(ResumableUploads::notFound);
            if (upload.state() == State.REJECTED || upload.state() == State.EXPIRED) {
                throw gone(upload);
            }
            if (offset != upload.received()) {
                throw new ApiProblem(HttpStatus.CONFLICT, "offset-mismatch",
                        "上传位置不一致：服务器已收到 " + upload.received() + " 字节，请从该位置继续",
                        "Offset mismatch: the server has " + upload.received() + " bytes; resume from there")
                        .with("offset", upload.received());
            }
            if (upload.state() == State.COMPLETED) {
                return upload;
            }
            long remaining = upload.length() - upload.received();
            if (contentLength > remaining) {
                throw ApiProblem.invalid("请求体超出文件剩余长度（" + remaining + " 字节）",
                        "The body is longer than the rest of the file (" + remaining + " bytes)");
            }
            long received = write(upload, body);
            upload = rows.find(id).orElseThrow(ResumableUploads::notFound);
            if (received == upload.length()) {
                return finish(upload);
            }
            return upload;
        } finally {
            writing.remove(id, lock);
            lock.unlock();
        }
    }

    /** tus termination: deletes the file and forgets the upload. */
    public void terminate(Actor actor, String id) {
        StoredUpload upload = visible(actor, id);
        ReentrantLock lock = writing.computeIfAbsent(id, key -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new ApiProblem(HttpStatus.LOCKED, "upload-busy", "该上传正在接收数据，请稍后再删除",
                    "This upload is receiving data; delete it shortly");
        }
        try {
            if (upload.state() == State.COMPLETED) {
                // UploadCompleted is out: its listeners (the library) own the file now and must find it
                throw ApiProblem.conflict("该上传已完成并交给课例库处理，不能再删除",
                        "This upload is complete and was handed over for processing; it cannot be deleted");
            }
            rows.delete(id);
            files.delete(id);
        } finally {
            writing.remove(id, lock);
            lock.unlock();
        }
    }

    // --- for other modules ----------------------------------------------------------------------------------

    @Override
    public Optional<Upload> find(String uploadId) {
        return rows.find(uploadId).map(u -> u.toUpload(fileOf(u.id())));
    }

    @Override
    public Path claim(String uploadId) {
        StoredUpload upload = rows.find(uploadId)
                .orElseThrow(() -> new IllegalArgumentException("No upload " + uploadId));
        if (upload.state() != State.COMPLETED) {
            throw new IllegalStateException("Upload " + uploadId + " is " + upload.state() + ", not COMPLETED");
        }
        rows.claim(uploadId, Instant.now());
        return files.fileOf(uploadId);
    }

    public Path fileOf(String uploadId) {
        return files.fileOf(uploadId);
    }

    // --- expiry -----------------------------------------------------------------------------------------------

    /** Ends every unfinished upload whose time ran out and deletes its partial file. @return how many */
    public int expire(Instant now) {
        int expired = 0;
        for (String id : rows.expiredBefore(now)) {
            ReentrantLock lock = writing.computeIfAbsent(id, key -> new ReentrantLock());
            if (!lock.tryLock()) {
                continue; // bytes are arriving right now: not expired after all
            }
            try {
                if (rows.end(id, State.EXPIRED, new StoredUpload.Error("expired", "上传超时未完成，已被清理，请重新上传",
                        "The upload was not finished in time and was removed; upload the file again"), now)) {
                    files.delete(id);
                    expired++;
                }
            } finally {
                writing.remove(id, lock);
                lock.unlock();
            }
        }
        return expired;
    }

    // --- inside ---------------------------------------------------------------------------------------------

    /** Streams the body to the file at the upload's offset; saves progress as it goes. @return bytes now held */
    private long write(StoredUpload upload, InputStream body) {
        long received = upload.received();
        long unsaved = 0;
        boolean cut = false;
        byte[] block = new byte[64 * 1024];
        try (FileChannel file = FileChannel.open(files.fileOf(upload.id()), StandardOpenOption.WRITE,
                StandardOpenOption.CREATE)) {
            // bytes past the saved offset (left by a crash before the offset was saved) are not trusted
            file.truncate(received);
            file.position(received);
            long remaining = upload.length() - received;
            while (remaining > 0) {
                int n;
                try {
                    n = body.read(block, 0, (int) Math.min(block.length, remaining));
                } catch (IOException e) {
                    // the client went away mid-body: keep what arrived, the client resumes from HEAD's offset
                    log.info("Upload {} interrupted at {} of {} bytes: {}", upload.id(), received, upload.length(),
                            e.toString());
                    cut = true;
                    break;
                }
                if (n < 0) {
                    break;
                }
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                received += n;
                remaining -= n;
                unsaved += n;
                if (unsaved >= SAVE_EVERY) {
                    file.force(false);
                    save(upload, received);
                    unsaved = 0;
                }
            }
            file.force(false);
        } catch (IOException e) {
            save(upload, received);
            throw new UncheckedIOException("Cannot write upload " + upload.id(), e);
        }
        save(upload, received);
        if (cut) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "upload-interrupted", "上传连接中断，已保存 " + received + " 字节，可继续上传",
                    "The upload connection broke; " + received + " bytes were kept and the upload can resume")
                    .with("offset", received);
        }
        return received;
    }

    private void save(StoredUpload upload, long received) {
        Instant now = Instant.now();
        rows.progress(upload.id(), received, now, now.plus(settings.expireAfter()));
    }

    /** The last byte is in: verify the checksum, run the checks, then complete and publish in one transaction. */
    private StoredUpload finish(StoredUpload upload) {
        Path file = files.fileOf(upload.id());
        String sha256;
        try {
            sha256 = UploadFiles.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read upload " + upload.id(), e);
        }
        if (upload.expectedSha256() != null && !upload.expectedSha256().equals(sha256)) {
            throw reject(upload, new Rejection("checksum-mismatch",
                    "文件校验失败：收到的内容与 sha256 不一致（传输中损坏），请重新上传",
                    "Checksum mismatch: the received bytes do not match the sha256 (damaged in transit); upload again"))
                    .with(Map.of("expectedSha256", upload.expectedSha256(), "actualSha256", sha256));
        }
        for (UploadCheck check : checks) {
            Optional<Rejection> rejection = check.check(file, upload.filename(), upload.metadata());
            if (rejection.isPresent()) {
                throw reject(upload, rejection.get());
            }
        }
        Map<String, String> metadata = upload.metadata();
        transactions.executeWithoutResult(status -> {
            if (rows.complete(upload.id(), sha256, Instant.now())) {
                events.publishEvent(new UploadCompleted(upload.id(), upload.ownerUserId(), upload.schoolId(), file,
                        upload.length(), sha256, upload.filename(), metadata));
            }
        });
        return rows.find(upload.id()).orElseThrow(ResumableUploads::notFound);
    }

    private ApiProblem reject(StoredUpload upload, Rejection rejection) {
        rows.end(upload.id(), State.REJECTED,
                new StoredUpload.Error(rejection.code(), rejection.reasonZh(), rejection.reasonEn()), Instant.now());
        files.delete(upload.id());
        log.info("Upload {} ({}) rejected: {}", upload.id(), upload.filename(), rejection.code());
        String slug = rejection.code().equals("checksum-mismatch") ? "checksum-mismatch" : "upload-rejected";
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, slug, rejection.reasonZh(), rejection.reasonEn())
                .with("reason", rejection.code());
    }

    private static ApiProblem gone(StoredUpload upload) {
        StoredUpload.Error error = upload.error();
        String zh = error == null ? "该上传已结束" : error.zh();
        String en = error == null ? "This upload has ended" : error.en();
        return new ApiProblem(HttpStatus.GONE, "upload-gone", zh, en).with("reason",
                error == null ? upload.state().name().toLowerCase(Locale.ROOT) : error.code());
    }

    /**
     * Classroom recorders upload recordings and nothing else, and only they do: a device's token cannot put files
     * into the library as if a teacher had uploaded them. A recording must name its SHA-256, because the recorder
     * frees its disk only once the platform confirmed it received exactly that file.
     */
    private static void requireFittingPurpose(Actor actor, Map<String, String> metadata) {
        boolean recording = RECORDING_PURPOSE.equals(metadata.get("purpose"));
        if (actor.can(Permission.DEVICE_AGENT) && !recording) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "upload-purpose-forbidden",
                    "设备只能上传课堂录像（purpose=recording）",
                    "A classroom device may only upload recordings (purpose=recording)");
        }
        if (recording && !actor.can(Permission.DEVICE_AGENT)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "upload-purpose-forbidden",
                    "只有录播设备可以上传课堂录像（purpose=recording），上传课例请用 purpose=lesson",
                    "Only classroom recorders upload recordings (purpose=recording); upload lessons with purpose=lesson");
        }
        if (recording && (metadata.get("sha256") == null || metadata.get("sha256").isBlank())) {
            throw ApiProblem.invalid("课堂录像必须带 sha256 元数据", "A recording upload needs the sha256 metadata");
        }
    }

    private static void requireUploader(Actor actor) {
        actor.require(Permission.LESSON_UPLOAD);
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("该上传", "Upload");
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return bytes + " B";
    }
}
