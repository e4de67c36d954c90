package org.ketang.platform.ingest.web;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.ingest.Upload.State;
import org.ketang.platform.ingest.internal.ResumableUploads;
import org.ketang.platform.ingest.internal.StoredUpload;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The tus 1.0 endpoint (core, creation, termination, expiration) plus a JSON list of one's uploads. See
 * {@code docs/uploads.md}. Every response carries {@code Tus-Resumable} (added by {@link TusResumableHeader}).
 */
@RestController
@RequestMapping("/api/v1/uploads")
@Tag(name = "uploads", description = "断点续传上传（tus 1.0）/ resumable uploads (tus 1.0)")
class UploadsController {

    static final String TUS_VERSION = "1.0.0";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ResumableUploads uploads;

    UploadsController(ResumableUploads uploads) {
        this.uploads = uploads;
    }

    @RequestMapping(method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        return ResponseEntity.noContent().header("Tus-Version", TUS_VERSION)
                .header("Tus-Extension", "creation,termination,expiration")
                .header("Tus-Max-Size", String.valueOf(uploads.settings().maxUploadSize().toBytes())).build();
    }

    @RequestMapping(method = RequestMethod.POST)
    ResponseEntity<Void> create(Actor actor, @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String tus,
            @RequestHeader(name = "Upload-Length", required = false) @Nullable String length,
            @RequestHeader(name = "Upload-Defer-Length", required = false) @Nullable String deferLength,
            @RequestHeader(name = "Upload-Metadata", required = false) @Nullable String metadata) {
        requireTus(tus);
        if (length == null) {
            throw ApiProblem.invalid(deferLength != null ? "不支持延迟声明长度，请提供 Upload-Length" : "缺少 Upload-Length",
                    deferLength != null ? "Deferred length is not supported; send Upload-Length"
                            : "Upload-Length is missing");
        }
        StoredUpload upload = uploads.create(actor, parseLong(length, "Upload-Length"), metadata);
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, "/api/v1/uploads/" + upload.id())
                .header("Upload-Expires", httpDate(upload.expiresAt())).build();
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
    ResponseEntity<Void> head(Actor actor, @PathVariable String id,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String tus) {
        requireTus(tus);
        StoredUpload upload = uploads.resumable(actor, id);
        var response = ResponseEntity.ok().header("Upload-Offset", String.valueOf(upload.received()))
                .header("Upload-Length", String.valueOf(upload.length())).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!upload.metadataHeader().isEmpty()) {
            response.header("Upload-Metadata", upload.metadataHeader());
        }
        if (upload.expiresAt() != null) {
            response.header("Upload-Expires", httpDate(upload.expiresAt()));
        }
        return response.build();
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.PATCH)
    ResponseEntity<Void> patch(Actor actor, @PathVariable String id, HttpServletRequest request) throws IOException {
        requireTus(request.getHeader("Tus-Resumable"));
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith(OFFSET_OCTET_STREAM)) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "PATCH 的 Content-Type 必须是 " + OFFSET_OCTET_STREAM,
                    "PATCH needs Content-Type: " + OFFSET_OCTET_STREAM);
        }
        String offset = request.getHeader("Upload-Offset");
        if (offset == null) {
            throw ApiProblem.invalid("缺少 Upload-Offset", "Upload-Offset is missing");
        }
        StoredUpload upload = uploads.append(actor, id, parseLong(offset, "Upload-Offset"),
                request.getContentLengthLong(), request.getInputStream());
        var response = ResponseEntity.noContent().header("Upload-Offset", String.valueOf(upload.received()));
        if (upload.expiresAt() != null) {
            response.header("Upload-Expires", httpDate(upload.expiresAt()));
        }
        return response.build();
    }

    @RequestMapping(path = "/{id}", method = RequestMethod.DELETE)
    ResponseEntity<Void> terminate(Actor actor, @PathVariable String id,
            @RequestHeader(name = "Tus-Resumable", required = false) @Nullable String tus) {
        requireTus(tus);
        uploads.terminate(actor, id);
        return ResponseEntity.noContent().build();
    }

    /** tus clients behind proxies that drop PATCH/DELETE send POST with {@code X-HTTP-Method-Override}. */
    @RequestMapping(path = "/{id}", method = RequestMethod.POST, headers = "X-HTTP-Method-Override")
    ResponseEntity<Void> overridden(Actor actor, @PathVariable String id,
            @RequestHeader("X-HTTP-Method-Override") String method, HttpServletRequest request) throws IOException {
        return switch (method.toUpperCase()) {
            case "PATCH" -> patch(actor, id, request);
            case "DELETE" -> terminate(actor, id, request.getHeader("Tus-Resumable"));
            default -> throw ApiProblem.invalid("不支持的 X-HTTP-Method-Override", "Unsupported X-HTTP-Method-Override");
        };
    }

    /** My uploads, newest first (district or school lesson managers: {@code ?all=true} for everyone they reach). */
    @GetMapping
    List<UploadView> list(Actor actor, @RequestParam(defaultValue = "false") boolean all) {
        return uploads.list(actor, all).stream().map(UploadView::of).toList();
    }

    @GetMapping("/{id}")
    UploadView one(Actor actor, @PathVariable String id) {
        return UploadView.of(uploads.visible(actor, id));
    }

    private static void requireTus(@Nullable String version) {
        if (!TUS_VERSION.equals(version)) {
            throw new ApiProblem(HttpStatus.PRECONDITION_FAILED, "tus-version",
                    "需要请求头 Tus-Resumable: " + TUS_VERSION, "This endpoint needs the header Tus-Resumable: "
                            + TUS_VERSION).with("tusVersion", TUS_VERSION);
        }
    }

    private static long parseLong(String value, String header) {
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid(header + " 必须是非负整数", header + " must be a non-negative integer");
    }

    private static String httpDate(@Nullable Instant instant) {
        return instant == null ? "" : HTTP_DATE.format(instant);
    }

    /** An upload in the list: enough for a page that offers to resume unfinished uploads. */
    record UploadView(String id, String filename, @Nullable String filetype, State state, long offset, long length,
            @Nullable String sha256, Map<String, String> metadata, @Nullable UploadError error, Instant createdAt,
            @Nullable Instant expiresAt, long ownerUserId) {

        static UploadView of(StoredUpload u) {
            UploadError error = u.error() == null ? null
                    : new UploadError(u.error().code(), u.error().zh(), u.error().en());
            return new UploadView(u.id(), u.filename(), u.filetype(), u.state(), u.received(), u.length(), u.sha256(),
                    u.metadata(), error, u.createdAt(), u.expiresAt(), u.ownerUserId());
        }
    }

    record UploadError(String code, String detail, String detailEn) {
    }
}
