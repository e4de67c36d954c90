package org.ketang.platform.signage.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The signage tables: content, schedules, pushes, display tags and proof of play. */
@Component
public class SignageStore {

    private final JdbcClient jdbc;

    SignageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- content

    public long addContent(Content c, long by, Instant now) {
        return insert("""
                insert into sig_content (school_id, kind, title, url, lesson_id, classroom_id, body, layout,
                                         duration_seconds, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", c.schoolId(), c.kind().name(), c.title(), c.url(),
                c.lessonId(), c.classroomId(), c.body(), c.layout().name(), c.durationSeconds(), by, at(now));
    }

    public void updateContent(Content c) {
        jdbc.sql("""
                update sig_content set kind = ?, title = ?, url = ?, lesson_id = ?, classroom_id = ?, body = ?,
                       layout = ?, duration_seconds = ? where id = ?""")
                .params(c.kind().name(), c.title(), c.url(), c.lessonId(), c.classroomId(), c.body(), c.layout().name(),
                        c.durationSeconds(), c.id())
                .update();
    }

    public void deleteContent(long id, Instant now) {
        jdbc.sql("update sig_content set deleted_at = ? where id = ?").params(at(now), id).update();
    }

    public Optional<Content> content(long id) {
        return jdbc.sql("select * from sig_content where id = ? and deleted_at is null").param(id)
                .query(SignageStore::content).optional();
    }

    public List<Content> contents(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from sig_content where id in (:ids) and deleted_at is null").param("ids", ids)
                .query(SignageStore::content).list();
    }

    /** Content of a school (and the district's, which every school may use); all of it for {@code null}. */
    public List<Content> contentsOf(@Nullable Long schoolId) {
        return jdbc.sql("""
                select * from sig_content where deleted_at is null
                   and (cast(:school as bigint) is null or school_id is null or school_id = :school) order by id desc""")
                .param("school", schoolId).query(SignageStore::content).list();
    }

    // ---- schedules

    public long addSchedule(Schedule s, long by, Instant now) {
        return insert("""
                insert into sig_schedule (school_id, name, kind, priority, content_ids, targets, start_date, end_date,
                                          weekdays, start_time, end_time, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", s.schoolId(), s.name(), s.level().name(),
                s.priority(), ids(s.contentIds()), s.targets().format(), s.startDate(), s.endDate(),
                weekdays(s.weekdays()), s.startTime(), s.endTime(), by, at(now));
    }

    public void updateSchedule(Schedule s) {
        jdbc.sql("""
                update sig_schedule set name = ?, kind = ?, priority = ?, content_ids = ?, targets = ?, start_date = ?,
                       end_date = ?, weekdays = ?, start_time = ?, end_time = ? where id = ?""")
                .params(s.name(), s.level().name(), s.priority(), ids(s.contentIds()), s.targets().format(),
                        s.startDate(), s.endDate(), weekdays(s.weekdays()), s.startTime(), s.endTime(), s.id())
                .update();
    }

    public void deleteSchedule(long id, Instant now) {
        jdbc.sql("update sig_schedule set deleted_at = ? where id = ?").params(at(now), id).update();
    }

    public Optional<Schedule> schedule(long id) {
        return jdbc.sql("select * from sig_schedule where id = ? and deleted_at is null").param(id)
                .query(SignageStore::schedule).optional();
    }

    /** Schedules that may run on some day from {@code from} to {@code to}, of one school and the district's. */
    public List<Schedule> schedules(@Nullable Long schoolId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select * from sig_schedule where deleted_at is null and start_date <= :to
                   and (end_date is null or end_date >= :from)
                   and (cast(:school as bigint) is null or school_id is null or school_id = :school) order by id""")
                .param("from", from).param("to", to).param("school", schoolId).query(SignageStore::schedule).list();
    }

    public List<Schedule> allSchedules(@Nullable Long schoolId) {
        return jdbc.sql("""
                select * from sig_schedule where deleted_at is null
                   and (cast(:school as bigint) is null or school_id is null or school_id = :school) order by id desc""")
                .param("school", schoolId).query(SignageStore::schedule).list();
    }

    // ---- pushes

    public long addPush(Push p, long by, Instant now) {
        return insert("""
                insert into sig_push (school_id, level, content_ids, targets, starts_at, ends_at, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", p.schoolId(), p.level().name(), ids(p.contentIds()),
                p.targets().format(), at(p.startsAt()), p.endsAt() == null ? null : at(p.endsAt()), by, at(now));
    }

    public void cancelPush(long id, Instant now) {
        jdbc.sql("update sig_push set cancelled_at = ? where id = ? and cancelled_at is null").params(at(now), id).update();
    }

    public Optional<Push> push(long id) {
        return jdbc.sql("select * from sig_push where id = ?").param(id).query(SignageStore::push).optional();
    }

    /** Pushes not over by {@code since}, newest first. */
    public List<Push> pushesSince(Instant since) {
        return jdbc.sql("""
                select * from sig_push where (ends_at is null or ends_at > :since)
                   and (cancelled_at is null or cancelled_at > :since) order by id desc""")
                .param("since", at(since)).query(SignageStore::push).list();
    }

    public List<Push> recentPushes(@Nullable Long schoolId, int limit) {
        return jdbc.sql("""
                select * from sig_push where (cast(:school as bigint) is null or school_id is null or school_id = :school)
                 order by id desc fetch first :limit rows only""")
                .param("school", schoolId).param("limit", limit).query(SignageStore::push).list();
    }

    // ---- displays

    public Set<String> tagsOf(long deviceId) {
        return jdbc.sql("select tags from sig_display where device_id = ?").param(deviceId).query(String.class)
                .optional().map(SignageStore::tags).orElse(Set.of());
    }

    public void setTags(long deviceId, Set<String> tags) {
        String text = String.join(",", tags);
        if (jdbc.sql("update sig_display set tags = ? where device_id = ?").params(text, deviceId).update() == 0) {
            jdbc.sql("insert into sig_display (device_id, tags) values (?, ?)").params(deviceId, text).update();
        }
    }

    // ---- proof of play

    public record Play(long deviceId, @Nullable Long contentId, Instant startedAt, @Nullable Instant endedAt,
            String outcome, @Nullable String detail) {
    }

    public void recordPlays(List<Play> plays) {
        for (Play p : plays) {
            jdbc.sql("""
                    insert into sig_play (device_id, content_id, started_at, ended_at, outcome, detail)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(p.deviceId(), p.contentId(), at(p.startedAt()), p.endedAt() == null ? null : at(p.endedAt()),
                            p.outcome(), p.detail())
                    .update();
        }
    }

    public List<Play> plays(long deviceId, int limit) {
        return jdbc.sql("select * from sig_play where device_id = ? order by started_at desc fetch first ? rows only")
                .params(deviceId, limit)
                .query((rs, n) -> new Play(rs.getLong("device_id"), rs.getObject("content_id", Long.class),
                        instant(rs, "started_at"), instantOrNull(rs, "ended_at"), rs.getString("outcome"),
                        rs.getString("detail")))
                .list();
    }

    // ---- rows

    private long insert(String sql, @Nullable Object... params) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(keys, "id");
        return Objects.requireNonNull(keys.getKey()).longValue();
    }

    private static Content content(ResultSet rs, int n) throws SQLException {
        return new Content(rs.getLong("id"), rs.getObject("school_id", Long.class),
                Content.Kind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("url"),
                rs.getObject("lesson_id", Long.class), rs.getObject("classroom_id", Long.class), rs.getString("body"),
                Content.Layout.valueOf(rs.getString("layout")), rs.getInt("duration_seconds"));
    }

    private static Schedule schedule(ResultSet rs, int n) throws SQLException {
        return new Schedule(rs.getLong("id"), rs.getObject("school_id", Long.class), rs.getString("name"),
                Level.valueOf(rs.getString("kind")), rs.getInt("priority"), ids(rs.getString("content_ids")),
                Targets.parse(rs.getString("targets")), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), weekdays(rs.getString("weekdays")),
                rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class));
    }

    private static Push push(ResultSet rs, int n) throws SQLException {
        return new Push(rs.getLong("id"), rs.getObject("school_id", Long.class), Level.valueOf(rs.getString("level")),
                ids(rs.getString("content_ids")), Targets.parse(rs.getString("targets")), instant(rs, "starts_at"),
                instantOrNull(rs, "ends_at"), instantOrNull(rs, "cancelled_at"));
    }

    static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<Long> ids(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
    }

    static String weekdays(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining());
    }

    static Set<DayOfWeek> weekdays(@Nullable String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (text != null) {
            text.chars().forEach(c -> days.add(DayOfWeek.of(c - '0')));
        }
        return days;
    }

    static Set<String> tags(String text) {
        Set<String> tags = new LinkedHashSet<>();
        for (String t : text.split(",")) {
            if (!t.isBlank()) {
                tags.add(t.trim());
            }
        }
        return tags;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
