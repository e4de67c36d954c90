package org.ketang.platform.patrol.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Patrol notes (巡课记录) and the reports over them. */
@Repository
public class PatrolNotes {

    /**
     * A note on a lesson seen on patrol: the classroom, date and period, with the class, subject and teacher the
     * timetable had there (snapshots), a score out of 100 and/or words.
     */
    public record Note(long id, long schoolId, long classroomId, String classroomName, LocalDate date,
            @Nullable Integer period, @Nullable String className, @Nullable String subjectName,
            @Nullable Long teacherStaffId, @Nullable String teacherName, @Nullable Integer score, String note,
            long authorId, String authorName, Instant createdAt) {
    }

    /** One row of a report: a school or a teacher, with how many notes, how many scored, the average score. */
    public record ReportRow(long id, String name, long schoolId, int notes, int scored,
            @Nullable BigDecimal average, @Nullable Integer lowest, @Nullable Integer highest) {

        public ReportRow named(String newName) {
            return new ReportRow(id, newName, schoolId, notes, scored, average, lowest, highest);
        }
    }

    public enum ReportBy {
        SCHOOL, TEACHER
    }

    private final JdbcClient jdbc;

    PatrolNotes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Note add(Note n) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into patrol_note (school_id, classroom_id, classroom_name, lesson_date, period_no, class_name,
                       subject_name, teacher_staff_id, teacher_name, score, note, author_id, author_name, created_at)
                values (:school, :room, :roomName, :date, :period, :className, :subject, :teacher, :teacherName, :score,
                        :note, :author, :authorName, :at)""")
                .param("school", n.schoolId()).param("room", n.classroomId()).param("roomName", n.classroomName())
                .param("date", n.date()).param("period", n.period()).param("className", n.className())
                .param("subject", n.subjectName()).param("teacher", n.teacherStaffId())
                .param("teacherName", n.teacherName()).param("score", n.score()).param("note", n.note())
                .param("author", n.authorId()).param("authorName", n.authorName())
                .param("at", n.createdAt().atOffset(ZoneOffset.UTC)).update(key, "id");
        return find(Objects.requireNonNull(key.getKey()).longValue());
    }

    Note find(long id) {
        return jdbc.sql("select * from patrol_note where id = ?").param(id).query(PatrolNotes::note).single();
    }

    /** The notes of a school (or all) from {@code from} to {@code to}, of one teacher when given, newest first. */
    public List<Note> list(@Nullable Long schoolId, @Nullable Long teacherStaffId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select * from patrol_note where lesson_date between :from and :to
                   and (cast(:school as bigint) is null or school_id = :school)
                   and (cast(:teacher as bigint) is null or teacher_staff_id = :teacher)
                 order by lesson_date desc, created_at desc, id desc""").param("from", from).param("to", to)
                .param("school", schoolId).param("teacher", teacherStaffId).query(PatrolNotes::note).list();
    }

    /** Notes per school or per teacher (notes without a teacher count only per school). */
    public List<ReportRow> report(ReportBy by, @Nullable Long schoolId, LocalDate from, LocalDate to) {
        String key = by == ReportBy.SCHOOL ? "school_id" : "teacher_staff_id";
        String name = by == ReportBy.SCHOOL ? "classroom_name" : "teacher_name";
        return jdbc.sql("select " + key + " as k, max(" + name + ") as n, max(school_id) as school,"
                + " count(*) as notes, count(score) as scored, avg(cast(score as decimal(7, 2))) as average,"
                + " min(score) as lowest, max(score) as highest from patrol_note"
                + " where lesson_date between :from and :to and (cast(:school as bigint) is null or school_id = :school)"
                + (by == ReportBy.TEACHER ? " and teacher_staff_id is not null" : "")
                + " group by " + key + " order by notes desc, k").param("from", from).param("to", to)
                .param("school", schoolId)
                .query((rs, n) -> new ReportRow(rs.getLong("k"), rs.getString("n"), rs.getLong("school"),
                        rs.getInt("notes"), rs.getInt("scored"), average(rs.getBigDecimal("average")),
                        rs.getObject("lowest", Integer.class), rs.getObject("highest", Integer.class)))
                .list();
    }

    private static @Nullable BigDecimal average(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(1, RoundingMode.HALF_UP);
    }

    private static Note note(ResultSet rs, int n) throws SQLException {
        return new Note(rs.getLong("id"), rs.getLong("school_id"), rs.getLong("classroom_id"),
                rs.getString("classroom_name"), rs.getObject("lesson_date", LocalDate.class),
                rs.getObject("period_no", Integer.class), rs.getString("class_name"), rs.getString("subject_name"),
                rs.getObject("teacher_staff_id", Long.class), rs.getString("teacher_name"),
                rs.getObject("score", Integer.class), rs.getString("note"), rs.getLong("author_id"),
                rs.getString("author_name"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
