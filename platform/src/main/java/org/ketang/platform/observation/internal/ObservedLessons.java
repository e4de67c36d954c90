package org.ketang.platform.observation.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The observation tables: observed lessons, their comments and scorecards, and the aggregates over them. */
@Repository
public class ObservedLessons {

    private final JdbcClient jdbc;

    ObservedLessons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ObservedLesson> find(long id) {
        return jdbc.sql("select * from obs_lesson where id = ?").param(id).query(ObservedLessons::lesson).optional();
    }

    public Optional<ObservedLesson> ofLiveSession(long sessionId) {
        return jdbc.sql("select * from obs_lesson where live_session_id = ?").param(sessionId)
                .query(ObservedLessons::lesson).optional();
    }

    public Optional<ObservedLesson> ofLesson(long lessonId) {
        return jdbc.sql("select * from obs_lesson where lesson_id = ?").param(lessonId).query(ObservedLessons::lesson)
                .optional();
    }

    /** Stores a new observed lesson (its id is ignored) and answers its id. */
    public long insert(ObservedLesson o) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into obs_lesson (school_id, classroom_id, live_session_id, lesson_id, time_zero, lesson_date,
                       period_no, title, class_name, grade_name, subject_id, subject_name, teacher_staff_id,
                       teacher_name, created_at)
                values (:school, :room, :session, :lesson, :zero, :date, :period, :title, :className, :grade, :subject,
                        :subjectName, :teacher, :teacherName, :at)""")
                .param("school", o.schoolId()).param("room", o.classroomId()).param("session", o.liveSessionId())
                .param("lesson", o.lessonId()).param("zero", utc(o.timeZero())).param("date", o.date())
                .param("period", o.periodNo()).param("title", clip(o.title(), 200)).param("className", o.className())
                .param("grade", o.gradeName()).param("subject", o.subjectId()).param("subjectName", o.subjectName())
                .param("teacher", o.teacherStaffId()).param("teacherName", o.teacherName())
                .param("at", utc(Instant.now())).update(key, "id");
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    /**
     * Moves a live observation onto its library lesson: every comment shifts by {@code shiftMs} (the live timeline's
     * zero minus the recording's); another observation of the same lesson (someone reviewed the recording first) is
     * merged into it.
     */
    public void attachToLesson(long id, long lessonId, Instant recordingStart, long shiftMs) {
        jdbc.sql("update obs_comment set offset_ms = case when offset_ms + :shift < 0 then 0 else offset_ms + :shift end"
                + " where obs_lesson_id = :id").param("shift", shiftMs).param("id", id).update();
        // comments of an earlier review of the recording are on its timeline already
        ofLesson(lessonId).filter(other -> other.id() != id).ifPresent(other -> {
            jdbc.sql("update obs_comment set obs_lesson_id = ? where obs_lesson_id = ?").params(id, other.id()).update();
            jdbc.sql("""
                    update obs_scorecard set obs_lesson_id = :to where obs_lesson_id = :from and observer_id not in
                    (select observer_id from obs_scorecard where obs_lesson_id = :to)""").param("to", id)
                    .param("from", other.id()).update();
            jdbc.sql("delete from obs_score where scorecard_id in (select id from obs_scorecard where obs_lesson_id = ?)")
                    .param(other.id()).update();
            jdbc.sql("delete from obs_scorecard where obs_lesson_id = ?").param(other.id()).update();
            jdbc.sql("delete from obs_lesson where id = ?").param(other.id()).update();
        });
        jdbc.sql("update obs_lesson set lesson_id = ?, time_zero = ? where id = ?").params(lessonId, utc(recordingStart), id)
                .update();
    }

    public Comment addComment(long observedId, long authorId, String authorName, long offsetMs, String body) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Instant now = Instant.now();
        jdbc.sql("""
                insert into obs_comment (obs_lesson_id, author_id, author_name, offset_ms, body, created_at)
                values (?, ?, ?, ?, ?, ?)""").params(observedId, authorId, clip(authorName, 100), offsetMs, body, utc(now))
                .update(key, "id");
        return new Comment(Objects.requireNonNull(key.getKey()).longValue(), observedId, authorId, authorName,
                offsetMs, body, now);
    }

    public List<Comment> comments(long observedId) {
        return jdbc.sql("select * from obs_comment where obs_lesson_id = ? order by offset_ms, id").param(observedId)
                .query((rs, n) -> new Comment(rs.getLong("id"), rs.getLong("obs_lesson_id"), rs.getLong("author_id"),
                        rs.getString("author_name"), rs.getLong("offset_ms"), rs.getString("body"),
                        instant(rs, "created_at")))
                .list();
    }

    /** Creates or replaces the observer's scorecard. */
    public Scorecard saveScorecard(long observedId, long rubricId, long observerId, String observerName,
            Map<Long, BigDecimal> scores, BigDecimal total) {
        Instant now = Instant.now();
        Optional<Long> existing = jdbc.sql("select id from obs_scorecard where obs_lesson_id = ? and observer_id = ?")
                .params(observedId, observerId).query(Long.class).optional();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            jdbc.sql("delete from obs_score where scorecard_id = ?").param(id).update();
            jdbc.sql("update obs_scorecard set rubric_id = ?, total = ?, updated_at = ? where id = ?")
                    .params(rubricId, total, utc(now), id).update();
        } else {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into obs_scorecard (obs_lesson_id, rubric_id, observer_id, observer_name, total, updated_at)
                    values (?, ?, ?, ?, ?, ?)""").params(observedId, rubricId, observerId, clip(observerName, 100),
                    total, utc(now)).update(key, "id");
            id = Objects.requireNonNull(key.getKey()).longValue();
        }
        long card = id;
        scores.forEach((criterion, score) -> jdbc
                .sql("insert into obs_score (scorecard_id, criterion_id, score) values (?, ?, ?)")
                .params(card, criterion, score).update());
        return new Scorecard(id, observedId, rubricId, observerId, observerName, Map.copyOf(scores), total, now);
    }

    public List<Scorecard> scorecards(long observedId) {
        Map<Long, Map<Long, BigDecimal>> scores = new HashMap<>();
        jdbc.sql("""
                select s.scorecard_id, s.criterion_id, s.score from obs_score s
                  join obs_scorecard c on c.id = s.scorecard_id where c.obs_lesson_id = ?""").param(observedId)
                .query(rs -> {
                    scores.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getLong(2),
                            rs.getBigDecimal(3));
                });
        return jdbc.sql("select * from obs_scorecard where obs_lesson_id = ? order by updated_at, id").param(observedId)
                .query((rs, n) -> new Scorecard(rs.getLong("id"), observedId, rs.getLong("rubric_id"),
                        rs.getLong("observer_id"), rs.getString("observer_name"),
                        scores.getOrDefault(rs.getLong("id"), Map.of()), rs.getBigDecimal("total"),
                        instant(rs, "updated_at")))
                .list();
    }

    /** An observed lesson's totals: how many scorecards and comments, the average weighted total. */
    public record LessonTotals(ObservedLesson lesson, int scorecards, int comments, @Nullable BigDecimal average) {
    }

    /** A teacher's totals over the observed lessons of a period. */
    public record TeacherTotals(@Nullable Long teacherStaffId, String teacherName, long schoolId, int lessons,
            int scorecards, @Nullable BigDecimal average) {
    }

    public List<LessonTotals> lessonTotals(@Nullable Long schoolId, LocalDate from, LocalDate to) {
        Map<Long, Object[]> counts = new HashMap<>();
        jdbc.sql("""
                select l.id, (select count(*) from obs_scorecard c where c.obs_lesson_id = l.id) as cards,
                       (select count(*) from obs_comment m where m.obs_lesson_id = l.id) as comments,
                       (select avg(c.total) from obs_scorecard c where c.obs_lesson_id = l.id) as average
                  from obs_lesson l where l.lesson_date between :from and :to
                   and (cast(:school as bigint) is null or l.school_id = :school)""").param("from", from).param("to", to)
                .param("school", schoolId).query(rs -> {
                    counts.put(rs.getLong("id"), new Object[] { rs.getInt("cards"), rs.getInt("comments"),
                            rs.getBigDecimal("average") });
                });
        List<LessonTotals> totals = new ArrayList<>();
        jdbc.sql("""
                select * from obs_lesson l where l.lesson_date between :from and :to
                   and (cast(:school as bigint) is null or l.school_id = :school) order by l.lesson_date desc, l.id desc""")
                .param("from", from).param("to", to).param("school", schoolId).query(ObservedLessons::lesson).list()
                .forEach(l -> {
                    Object[] c = counts.get(l.id());
                    totals.add(new LessonTotals(l, (Integer) c[0], (Integer) c[1], round((BigDecimal) c[2])));
                });
        return totals;
    }

    public List<TeacherTotals> teacherTotals(@Nullable Long schoolId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select l.teacher_staff_id, l.teacher_name, l.school_id, count(distinct l.id) as lessons,
                       count(c.id) as cards, avg(c.total) as average
                  from obs_lesson l left join obs_scorecard c on c.obs_lesson_id = l.id
                 where l.lesson_date between :from and :to and l.teacher_name is not null
                   and (cast(:school as bigint) is null or l.school_id = :school)
                 group by l.teacher_staff_id, l.teacher_name, l.school_id
                 order by average desc nulls last, l.teacher_name""").param("from", from).param("to", to)
                .param("school", schoolId)
                .query((rs, n) -> new TeacherTotals(rs.getObject("teacher_staff_id", Long.class),
                        rs.getString("teacher_name"), rs.getLong("school_id"), rs.getInt("lessons"), rs.getInt("cards"),
                        round(rs.getBigDecimal("average"))))
                .list();
    }

    private static @Nullable BigDecimal round(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static ObservedLesson lesson(ResultSet rs, int n) throws SQLException {
        OffsetDateTime zero = rs.getObject("time_zero", OffsetDateTime.class);
        return new ObservedLesson(rs.getLong("id"), rs.getLong("school_id"), rs.getObject("classroom_id", Long.class),
                rs.getObject("live_session_id", Long.class), rs.getObject("lesson_id", Long.class),
                zero == null ? null : zero.toInstant(), rs.getObject("lesson_date", LocalDate.class),
                rs.getObject("period_no", Integer.class), rs.getString("title"), rs.getString("class_name"),
                rs.getString("grade_name"), rs.getObject("subject_id", Long.class), rs.getString("subject_name"),
                rs.getObject("teacher_staff_id", Long.class), rs.getString("teacher_name"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable String clip(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
