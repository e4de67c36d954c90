package org.ketang.platform.homeschool.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.ingest.Upload;
import org.ketang.platform.ingest.UploadCheck;
import org.ketang.platform.ingest.UploadPurpose;
import org.ketang.platform.ingest.Uploads;
import org.ketang.platform.media.MediaStorage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos, voice recordings, videos and PDFs of the home-school app. The phone uploads with the platform's resumable
 * uploads ({@code /api/v1/uploads}, {@code purpose=homeschool-attachment}); when a homework, a submission or a news
 * post is saved with those upload ids, the files are claimed into the media storage ({@code homeschool/...}) and
 * belong to that item. Serving asks the item's owner ({@link Refs}) whether the caller sees it, so an attachment is
 * exactly as private as what it is attached to.
 */
@Service
@Transactional
public class Attachments implements UploadPurpose, UploadCheck {

    static final String PURPOSE = "homeschool-attachment";

    /** At most this many files on one item. */
    static final int MAX_PER_ITEM = 9;

    public record Attachment(long id, AttachmentKind kind, String contentType, String filename, long size) {
    }

    /** A file to send, with what it is. */
    public record Served(Attachment attachment, Resource resource) {
    }

    /** Who sees the items of one {@code refKind} (e.g. {@code homework}); implemented next to the items. */
    public interface Refs {
        String refKind();

        boolean sees(Actor actor, long refId);
    }

    private final JdbcClient jdbc;
    private final ObjectProvider<Uploads> uploads;
    private final MediaStorage storage;
    private final HomeschoolSettings settings;
    private final ObjectProvider<Refs> refs;

    // uploads lazily: ingest asks this bean (an UploadPurpose) while it is being made
    Attachments(JdbcClient jdbc, ObjectProvider<Uploads> uploads, MediaStorage storage, HomeschoolSettings settings, ObjectProvider<Refs> refs) {
        this.jdbc = jdbc;
        this.uploads = uploads;
        this.storage = storage;
        this.settings = settings;
        this.refs = refs;
    }

    @Override
    public String purpose() {
        return PURPOSE;
    }

    @Override
    public boolean mayUpload(Actor actor) {
        return actor.can(Permission.HOMESCHOOL_USE) || actor.can(Permission.HOMESCHOOL_TEACH);
    }

    @Override
    public long maxSize() {
        return settings.attachmentMaxSize().toBytes();
    }

    @Override
    public Optional<Rejection> check(Path file, String filename, Map<String, String> metadata) {
        if (!PURPOSE.equals(metadata.get("purpose"))) {
            return Optional.empty();
        }
        try {
            if (AttachmentKind.of(file).isPresent()) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new Rejection("not-an-attachment", "只能上传图片、录音、视频或 PDF 文件",
                "Only pictures, voice recordings, videos and PDF files can be attached"));
    }

    /**
     * Takes the caller's completed uploads over as the attachments of one item.
     *
     * @throws ApiProblem 400 when an upload is not the caller's, not an attachment, not complete or used already
     */
    public void attach(Actor actor, Collection<String> uploadIds, String refKind, long refId) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(uploadIds));
        if (ids.size() > MAX_PER_ITEM) {
            throw ApiProblem.invalid("附件最多 " + MAX_PER_ITEM + " 个", "At most " + MAX_PER_ITEM + " attachments");
        }
        for (String uploadId : ids) {
            Upload upload = uploads.getObject().find(uploadId)
                    .filter(u -> u.ownerUserId() == actor.userId() && PURPOSE.equals(u.metadata().get("purpose")))
                    .orElseThrow(() -> ApiProblem.invalid("附件不存在", "No such attachment upload"));
            if (upload.state() != Upload.State.COMPLETED) {
                throw ApiProblem.invalid("附件「" + upload.filename() + "」还没有上传完", "The attachment " + upload.filename()
                        + " has not finished uploading");
            }
            if (upload.claimed()) {
                throw ApiProblem.invalid("附件「" + upload.filename() + "」已经用过了", "The attachment " + upload.filename()
                        + " is used already");
            }
            Path file = uploads.getObject().claim(uploadId);
            try {
                AttachmentKind.Sniffed sniffed = AttachmentKind.of(file).orElseThrow(() -> ApiProblem.invalid(
                        "只能上传图片、录音、视频或 PDF 文件", "Only pictures, voice recordings, videos and PDF files can be attached"));
                String key = "homeschool/" + refKind + "/" + UUID.randomUUID();
                long size = Files.size(file);
                storage.put(key, file);
                Files.deleteIfExists(file);
                jdbc.sql("""
                        insert into hs_attachment (owner_id, kind, content_type, filename, size_bytes, storage_key, ref_kind,
                                                   ref_id, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(actor.userId(), sniffed.kind().name(),
                        sniffed.contentType(), limit(upload.filename()), size, key, refKind, refId, Notices.utc(Instant.now()))
                        .update();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The attachments of one item, in the order they were added. */
    @Transactional(readOnly = true)
    public List<Attachment> of(String refKind, long refId) {
        return ofItems(refKind, List.of(refId)).getOrDefault(refId, List.of());
    }

    /** The attachments of several items of one kind, by item. */
    @Transactional(readOnly = true)
    public Map<Long, List<Attachment>> ofItems(String refKind, Collection<Long> refIds) {
        Map<Long, List<Attachment>> byItem = new LinkedHashMap<>();
        if (refIds.isEmpty()) {
            return byItem;
        }
        jdbc.sql("select id, kind, content_type, filename, size_bytes, ref_id from hs_attachment "
                + "where ref_kind = :kind and ref_id in (:ids) order by id").param("kind", refKind).param("ids", refIds)
                .query((rs, n) -> Map.entry(rs.getLong("ref_id"), new Attachment(rs.getLong("id"),
                        AttachmentKind.valueOf(rs.getString("kind")), rs.getString("content_type"), rs.getString("filename"),
                        rs.getLong("size_bytes"))))
                .list().forEach(e -> byItem.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return byItem;
    }

    /** One attachment for the caller to download: 404 unless they see what it belongs to. */
    @Transactional(readOnly = true)
    public Served open(Actor actor, long id) {
        record Row(Attachment attachment, long owner, String key, String refKind, long refId) {
        }
        Row row = jdbc.sql("select * from hs_attachment where id = ?").param(id)
                .query((rs, n) -> new Row(new Attachment(rs.getLong("id"), AttachmentKind.valueOf(rs.getString("kind")),
                        rs.getString("content_type"), rs.getString("filename"), rs.getLong("size_bytes")),
                        rs.getLong("owner_id"), rs.getString("storage_key"), rs.getString("ref_kind"), rs.getLong("ref_id")))
                .optional().orElseThrow(Attachments::notFound);
        boolean sees = row.owner() == actor.userId()
                || refs.stream().anyMatch(r -> r.refKind().equals(row.refKind()) && r.sees(actor, row.refId()));
        if (!sees) {
            throw notFound();
        }
        return new Served(row.attachment(), storage.resource(row.key(), row.attachment().size()));
    }

    private static String limit(String filename) {
        return filename.length() <= 300 ? filename : filename.substring(filename.length() - 300);
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("附件", "Attachment");
    }
}
