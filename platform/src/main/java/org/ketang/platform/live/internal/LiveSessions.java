package org.ketang.platform.live.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code live_session} and {@code live_channel} tables. */
@Repository
public class LiveSessions {

    /** How a session reaches viewers. */
    public enum Via {
        /** HLS pushed to the platform by HTTP PUT; ends when the playlist stops coming. */
        PLATFORM,
        /** Published to SRS/ZLMediaKit; starts and ends with their hooks. */
        MEDIA_SERVER
    }

    /** One broadcast of a classroom, from its first playlist to the last. */
    public record Session(long id, long classroomId, long schoolId, long deviceId, Via via, Instant startedAt,
            Instant lastSeenAt, @Nullable Instant endedAt, boolean openClass, @Nullable Long lessonId) {

        public boolean open() {
            return endedAt == null;
        }

        /** Live: open, and (pushed to the platform) its playlist came within {@code staleAfter}. */
        public boolean liveAt(Instant now, java.time.Duration staleAfter) {
            return open() && (via == Via.MEDIA_SERVER || !lastSeenAt.plus(staleAfter).isBefore(now));
        }
    }

    private final JdbcClient jdbc;

    LiveSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Session> find(long id) {
        return jdbc.sql("select * from live_session where id = ?").param(id).query(LiveSessions::session).optional();
    }

    /** The open session of a classroom, if any. */
    public Optional<Session> openIn(long classroomId) {
        return jdbc.sql("select * from live_session where classroom_id = ? and ended_at is null order by id desc")
                .param(classroomId).query(LiveSessions::session).list().stream().findFirst();
    }

    /** The classroom's latest session, open or ended. */
    public Optional<Session> latestIn(long classroomId) {
        return jdbc.sql("select * from live_session where classroom_id = ? order by started_at desc, id desc"
                + " fetch first 1 rows only").param(classroomId).query(LiveSessions::session).optional();
    }

    /** Every open session. */
    public List<Session> open() {
        return jdbc.sql("select * from live_session where ended_at is null order by school_id, classroom_id")
                .query(LiveSessions::session).list();
    }

    /** Sessions of a classroom running at some time within {@code [from, to]}. */
    public List<Session> around(long classroomId, Instant from, Instant to) {
        return jdbc.sql("""
                select * from live_session where classroom_id = :room and started_at <= :to
                   and (ended_at is null or ended_at >= :from) order by started_at""")
                .param("room", classroomId).param("from", utc(from)).param("to", utc(to))
                .query(LiveSessions::session).list();
    }

    long insert(long classroomId, long schoolId, long deviceId, Via via, Instant now, boolean openClass) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into live_session (classroom_id, school_id, device_id, via, started_at, last_seen_at, open_class)
                values (:room, :school, :device, :via, :now, :now, :open)""")
                .param("room", classroomId).param("school", schoolId).param("device", deviceId).param("via", via.name())
                .param("now", utc(now)).param("open", openClass).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void seen(long id, Instant now) {
        jdbc.sql("update live_session set last_seen_at = :now where id = :id and last_seen_at < :now")
                .param("id", id).param("now", utc(now)).update();
    }

    /** Ends an open session; answers false when it had ended already (another node, a second hook). */
    boolean end(long id, Instant endedAt) {
        return jdbc.sql("update live_session set ended_at = :at where id = :id and ended_at is null")
                .param("id", id).param("at", utc(endedAt)).update() == 1;
    }

    void openClass(long id, boolean open) {
        jdbc.sql("update live_session set open_class = :open where id = :id").param("id", id).param("open", open)
                .update();
    }

    /** Links the session to {@code lessonId} in place of {@code current}; false when someone changed it meanwhile. */
    boolean link(long id, @Nullable Long current, long lessonId) {
        return jdbc.sql("""
                update live_session set lesson_id = :lesson
                 where id = :id and (lesson_id = :current or (lesson_id is null and cast(:current as bigint) is null))""")
                .param("id", id).param("lesson", lessonId).param("current", current).update() == 1;
    }

    /** Whether an open-class session is linked to the lesson. */
    boolean anyOpenClassLinkedTo(long lessonId) {
        return jdbc.sql("select count(*) from live_session where lesson_id = ? and open_class = true").param(lessonId)
                .query(Long.class).single() > 0;
    }

    // ---------------------------------------------------------------- channels

    /** Whether the classroom's current or next broadcast is an open class. */
    public boolean channelOpenClass(long classroomId) {
        return jdbc.sql("select open_class from live_channel where classroom_id = ?").param(classroomId)
                .query(Boolean.class).optional().orElse(false);
    }

    /**
     * Makes the classroom's channel row when missing. Call it outside a transaction: on PostgreSQL the losing insert
     * of a race would otherwise spoil the caller's transaction.
     */
    void ensureChannel(long classroomId, long schoolId) {
        try {
            jdbc.sql("""
                    insert into live_channel (classroom_id, school_id, open_class)
                    select :room, :school, false where not exists (select 1 from live_channel where classroom_id = :room)""")
                    .param("room", classroomId).param("school", schoolId).update();
        } catch (DuplicateKeyException raced) {
            // another request made it at the same moment
        }
    }

    /** Locks the classroom's channel row (see {@link #ensureChannel}), so that one request at a time opens a session. */
    boolean lockChannel(long classroomId) {
        return jdbc.sql("select open_class from live_channel where classroom_id = ? for update").param(classroomId)
                .query(Boolean.class).single();
    }

    void markChannel(long classroomId, boolean open, @Nullable Long by, Instant now) {
        jdbc.sql("update live_channel set open_class = :open, changed_by = :by, changed_at = :now where classroom_id = :room")
                .param("room", classroomId).param("open", open).param("by", by).param("now", utc(now)).update();
    }

    /**
     * Clears open-class marks used up by a broadcast that ended before {@code cutoff}: no session of the channel is
     * open, and its last one ended after the mark was made. A mark made for a coming broadcast stays.
     */
    int clearUsedMarks(Instant cutoff, Instant now) {
        return jdbc.sql("""
                update live_channel set open_class = false, changed_by = null, changed_at = :now
                 where open_class = true
                   and not exists (select 1 from live_session s
                                    where s.classroom_id = live_channel.classroom_id and s.ended_at is null)
                   and (select max(s.ended_at) from live_session s where s.classroom_id = live_channel.classroom_id) < :cutoff
                   and (select max(s.ended_at) from live_session s where s.classroom_id = live_channel.classroom_id)
                       > live_channel.changed_at""")
                .param("cutoff", utc(cutoff)).param("now", utc(now)).update();
    }

    private static Session session(ResultSet rs, int row) throws SQLException {
        return new Session(rs.getLong("id"), rs.getLong("classroom_id"), rs.getLong("school_id"), rs.getLong("device_id"),
                Via.valueOf(rs.getString("via")), instant(rs, "started_at"), instant(rs, "last_seen_at"),
                instantOrNull(rs, "ended_at"), rs.getBoolean("open_class"), rs.getObject("lesson_id", Long.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
