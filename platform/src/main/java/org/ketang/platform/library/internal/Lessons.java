package org.ketang.platform.library.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.library.LessonStatus;
import org.ketang.platform.library.Visibility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stores {@link Lesson}s in {@code lib_lesson} and answers the browse queries. */
@Repository("libraryLessons")
public class Lessons {

    private static final String COLUMNS = """
            l.id, l.source_key, l.source, l.upload_id, l.recorder_id, l.classroom_id, l.recording_started_at,
            l.uploader_user_id, l.title, l.description, l.school_id, l.school_name, l.grade_id, l.grade_name, l.class_id,
            l.class_name, l.subject_id, l.subject_name, l.teacher_staff_id, l.teacher_user_id, l.teacher_name, l.chapter,
            l.tags, l.recorded_on, l.period_no, l.duration_seconds, l.visibility, l.downloadable, l.status,
            l.status_reason_zh, l.status_reason_en, l.asset_id, l.has_poster, l.has_sprite, l.renditions, l.view_count,
            l.created_at, l.updated_at, l.deleted_at
            """;

    private final JdbcClient jdbc;

    Lessons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters of the browse and search endpoints; {@code null} means any. */
    public record Filter(@Nullable Long schoolId, @Nullable Long gradeId, @Nullable Long subjectId,
            @Nullable Long teacherId, @Nullable LocalDate from, @Nullable LocalDate to) {

        static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    public enum Sort {
        NEWEST, VIEWS
    }

    public record Page(List<Lesson> items, long total) {
    }

    public record Cell(long gradeId, String gradeName, long subjectId, String subjectName, long count) {
    }

    long insert(Lesson lesson) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into lib_lesson (source_key, source, upload_id, recorder_id, classroom_id, recording_started_at,
                  uploader_user_id, title, description, school_id, school_name, grade_id, grade_name, class_id, class_name,
                  subject_id, subject_name, teacher_staff_id, teacher_user_id, teacher_name, chapter, tags, recorded_on,
                  period_no, duration_seconds, visibility, downloadable, status, status_reason_zh, status_reason_en,
                  asset_id, has_poster, has_sprite, renditions, view_count, created_at, updated_at, deleted_at)
                values (:sourceKey, :source, :uploadId, :recorderId, :classroomId, :recordingStartedAt, :uploader, :title,
                  :description, :schoolId, :schoolName, :gradeId, :gradeName, :classId, :className, :subjectId,
                  :subjectName, :teacherStaffId, :teacherUserId, :teacherName, :chapter, :tags, :recordedOn, :periodNo,
                  :duration, :visibility, :downloadable, :status, :reasonZh, :reasonEn, :assetId, :hasPoster,
                  :hasSprite, :renditions, :viewCount, :createdAt, :updatedAt, :deletedAt)
                """).params(params(lesson)).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        lesson.id = id;
        return id;
    }

    void update(Lesson lesson) {
        Map<String, Object> params = params(lesson);
        params.put("id", lesson.id());
        jdbc.sql("""
                update lib_lesson set title = :title, description = :description, school_name = :schoolName,
                  grade_id = :gradeId, grade_name = :gradeName, class_id = :classId, class_name = :className,
                  subject_id = :subjectId, subject_name = :subjectName, teacher_staff_id = :teacherStaffId,
                  teacher_user_id = :teacherUserId, teacher_name = :teacherName, chapter = :chapter, tags = :tags,
                  recorded_on = :recordedOn, period_no = :periodNo, duration_seconds = :duration,
                  visibility = :visibility, downloadable = :downloadable, status = :status,
                  status_reason_zh = :reasonZh, status_reason_en = :reasonEn, asset_id = :assetId,
                  has_poster = :hasPoster, has_sprite = :hasSprite, renditions = :renditions,
                  updated_at = :updatedAt, deleted_at = :deletedAt
                 where id = :id
                """).params(params).update();
    }

    private static Map<String, Object> params(Lesson l) {
        var c = l.classification;
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("sourceKey", l.sourceKey);
        p.put("source", l.source.name());
        p.put("uploadId", l.uploadId);
        p.put("recorderId", l.recorderId);
        p.put("classroomId", l.classroomId);
        p.put("recordingStartedAt", time(l.recordingStartedAt));
        p.put("uploader", l.uploaderUserId);
        p.put("title", l.title);
        p.put("description", l.description);
        p.put("schoolId", c.schoolId());
        p.put("schoolName", c.schoolName());
        p.put("gradeId", c.gradeId());
        p.put("gradeName", c.gradeName());
        p.put("classId", c.classId());
        p.put("className", c.className());
        p.put("subjectId", c.subjectId());
        p.put("subjectName", c.subjectName());
        p.put("teacherStaffId", c.teacherStaffId());
        p.put("teacherUserId", c.teacherUserId());
        p.put("teacherName", c.teacherName());
        p.put("chapter", l.chapter);
        p.put("tags", String.join(",", l.tags));
        p.put("recordedOn", c.recordedOn());
        p.put("periodNo", c.periodNo());
        p.put("duration", l.durationSeconds);
        p.put("visibility", l.visibility.name());
        p.put("downloadable", l.downloadable);
        p.put("status", l.status.name());
        p.put("reasonZh", l.reasonZh);
        p.put("reasonEn", l.reasonEn);
        p.put("assetId", l.assetId);
        p.put("hasPoster", l.hasPoster);
        p.put("hasSprite", l.hasSprite);
        p.put("renditions", l.renditions.stream().map(String::valueOf).collect(Collectors.joining(",")));
        p.put("viewCount", l.viewCount);
        p.put("createdAt", time(l.createdAt));
        p.put("updatedAt", time(l.updatedAt));
        p.put("deletedAt", time(l.deletedAt));
        return p;
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The lesson, deleted or not. */
    public Optional<Lesson> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from lib_lesson l where l.id = ?").param(id).query(Lessons::row).optional();
    }

    /**
     * The lesson with its row locked until the transaction ends. Every change reads through here, so that two
     * changes at once (media events arrive in parallel; a teacher edits while processing finishes) never write
     * over each other.
     */
    public Optional<Lesson> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from lib_lesson l where l.id = ? for update").param(id)
                .query(Lessons::row).optional();
    }

    public Optional<Lesson> findBySource(String sourceKey) {
        return jdbc.sql("select " + COLUMNS + " from lib_lesson l where l.source_key = ?").param(sourceKey)
                .query(Lessons::row).optional();
    }

    /** The lesson recorded in a classroom whose recording started last within {@code [from, to]}, not deleted. */
    public Optional<Lesson> latestRecordedIn(long classroomId, Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS + """
                 from lib_lesson l where l.classroom_id = :room and l.deleted_at is null
                   and l.recording_started_at >= :from and l.recording_started_at <= :to
                 order by l.recording_started_at desc, l.id desc fetch first 1 rows only""")
                .param("room", classroomId).param("from", time(from)).param("to", time(to)).query(Lessons::row)
                .optional();
    }

    /** Lessons by id, in the order given, left out when missing. */
    public List<Lesson> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Lesson> byId = jdbc.sql("select " + COLUMNS + " from lib_lesson l where l.id in (:ids)")
                .param("ids", ids).query(Lessons::row).list().stream().collect(Collectors.toMap(Lesson::id, l -> l));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Every lesson that is not deleted, in id order, in batches (for rebuilding the search index). */
    void forEachLive(Consumer<Lesson> action) {
        long after = 0;
        while (true) {
            List<Lesson> batch = jdbc.sql("select " + COLUMNS
                    + " from lib_lesson l where l.deleted_at is null and l.id > ? order by l.id fetch first 500 rows only")
                    .param(after).query(Lessons::row).list();
            if (batch.isEmpty()) {
                return;
            }
            batch.forEach(action);
            after = batch.get(batch.size() - 1).id();
        }
    }

    public Page browse(Viewer viewer, Filter filter, Sort sort, int page, int size) {
        Map<String, Object> params = Viewer.params();
        String where = where(viewer, filter, params);
        long total = jdbc.sql("select count(*) from lib_lesson l where " + where).params(params).query(Long.class).single();
        String order = sort == Sort.VIEWS ? "l.view_count desc, l.id desc" : "l.recorded_on desc, l.id desc";
        params.put("offset", (long) page * size);
        params.put("size", size);
        List<Lesson> items = jdbc.sql("select " + COLUMNS + " from lib_lesson l where " + where + " order by " + order
                + " offset :offset rows fetch next :size rows only").params(params).query(Lessons::row).list();
        return new Page(items, total);
    }

    /** Counts of listable lessons per grade and subject (lessons without both are left out). */
    public List<Cell> matrix(Viewer viewer, @Nullable Long schoolId) {
        Map<String, Object> params = Viewer.params();
        String where = where(viewer, new Filter(schoolId, null, null, null, null, null), params)
                + " and l.grade_id is not null and l.subject_id is not null";
        return jdbc.sql("select l.grade_id, max(l.grade_name) as grade_name, l.subject_id, max(l.subject_name) as subject_name,"
                + " count(*) as n from lib_lesson l where " + where + " group by l.grade_id, l.subject_id"
                + " order by l.grade_id, l.subject_id").params(params)
                .query((rs, n) -> new Cell(rs.getLong("grade_id"), rs.getString("grade_name"), rs.getLong("subject_id"),
                        rs.getString("subject_name"), rs.getLong("n")))
                .list();
    }

    /** Lessons of which the account is teacher or uploader that the viewer may list. */
    public List<Lesson> ownedBy(long userId, Viewer viewer, int limit) {
        Map<String, Object> params = Viewer.params();
        String where = viewer.listable(params);
        params.put("owner", userId);
        params.put("limit", limit);
        return jdbc.sql("select " + COLUMNS + " from lib_lesson l where " + where
                + " and (l.teacher_user_id = :owner or l.uploader_user_id = :owner) order by l.created_at desc, l.id desc"
                + " fetch first :limit rows only").params(params).query(Lessons::row).list();
    }

    /** Lesson ids among {@code ids} that the viewer may list. */
    public List<Long> listableAmong(Viewer viewer, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = Viewer.params();
        params.put("ids", ids);
        return jdbc.sql("select l.id from lib_lesson l where l.id in (:ids) and " + viewer.listable(params))
                .params(params).query(Long.class).list();
    }

    void countView(long lessonId) {
        jdbc.sql("update lib_lesson set view_count = view_count + 1 where id = ?").param(lessonId).update();
    }

    private static String where(Viewer viewer, Filter f, Map<String, Object> params) {
        List<String> parts = new ArrayList<>(List.of(viewer.listable(params)));
        if (f.schoolId() != null) {
            parts.add("l.school_id = :schoolId");
            params.put("schoolId", f.schoolId());
        }
        if (f.gradeId() != null) {
            parts.add("l.grade_id = :gradeId");
            params.put("gradeId", f.gradeId());
        }
        if (f.subjectId() != null) {
            parts.add("l.subject_id = :subjectId");
            params.put("subjectId", f.subjectId());
        }
        if (f.teacherId() != null) {
            parts.add("l.teacher_staff_id = :teacherId");
            params.put("teacherId", f.teacherId());
        }
        if (f.from() != null) {
            parts.add("l.recorded_on >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            parts.add("l.recorded_on <= :to");
            params.put("to", f.to());
        }
        return String.join(" and ", parts);
    }

    private static Lesson row(ResultSet rs, int n) throws SQLException {
        var classification = new Lesson.Classification(rs.getLong("school_id"), rs.getString("school_name"),
                nullableLong(rs, "grade_id"), rs.getString("grade_name"), nullableLong(rs, "class_id"),
                rs.getString("class_name"), nullableLong(rs, "subject_id"), rs.getString("subject_name"),
                nullableLong(rs, "teacher_staff_id"), nullableLong(rs, "teacher_user_id"), rs.getString("teacher_name"),
                rs.getObject("recorded_on", LocalDate.class), (Integer) rs.getObject("period_no", Integer.class));
        String tags = rs.getString("tags");
        String renditions = rs.getString("renditions");
        TreeSet<Integer> heights = new TreeSet<>();
        if (!renditions.isEmpty()) {
            Arrays.stream(renditions.split(",")).map(Integer::valueOf).forEach(heights::add);
        }
        return new Lesson(rs.getLong("id"), rs.getString("source_key"), Lesson.Source.valueOf(rs.getString("source")),
                rs.getString("upload_id"), nullableLong(rs, "recorder_id"), nullableLong(rs, "classroom_id"),
                instant(rs, "recording_started_at"), nullableLong(rs, "uploader_user_id"), rs.getString("title"),
                rs.getString("description"), classification, rs.getString("chapter"),
                tags.isEmpty() ? List.of() : List.of(tags.split(",")), (Integer) rs.getObject("duration_seconds", Integer.class),
                Visibility.valueOf(rs.getString("visibility")), rs.getBoolean("downloadable"),
                LessonStatus.valueOf(rs.getString("status")), rs.getString("status_reason_zh"),
                rs.getString("status_reason_en"), nullableLong(rs, "asset_id"), rs.getBoolean("has_poster"),
                rs.getBoolean("has_sprite"), heights, rs.getLong("view_count"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "deleted_at"));
    }

    static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    @SuppressWarnings("NullAway")
    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
