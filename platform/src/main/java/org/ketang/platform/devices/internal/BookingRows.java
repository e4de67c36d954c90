package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Ad-hoc recordings ({@code dev_booking}); a cancelled booking stays as history. */
@Repository
public class BookingRows {

    /** One booking (预约录制) of a recording classroom, {@code start} inclusive, {@code end} exclusive. */
    public record Booking(long id, long classroomId, long schoolId, Instant start, Instant end, String title,
            boolean live, long createdBy, String createdByName, Instant createdAt, @Nullable Instant cancelledAt) {

        public boolean overlaps(Instant otherStart, Instant otherEnd) {
            return start.isBefore(otherEnd) && otherStart.isBefore(end);
        }

        /** The schedule entry uid of this booking. */
        public String uid() {
            return "bk-" + id;
        }
    }

    private final JdbcClient jdbc;

    BookingRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long classroomId, long schoolId, Instant start, Instant end, String title, boolean live, long by,
            String byName, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into dev_booking (classroom_id, school_id, starts_at, ends_at, title, live, created_by,
                    created_by_name, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(classroomId, schoolId, Rows.utc(start), Rows.utc(end), title, live, by, byName, Rows.utc(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<Booking> find(long id) {
        return jdbc.sql("select * from dev_booking where id = ?").param(id).query(BookingRows::row).optional();
    }

    /** Bookings of a classroom that are not cancelled and overlap {@code [start, end)}. */
    List<Booking> overlapping(long classroomId, Instant start, Instant end) {
        return jdbc.sql("""
                select * from dev_booking where classroom_id = ? and cancelled_at is null and starts_at < ? and ends_at > ?
                 order by starts_at, id""").params(classroomId, Rows.utc(end), Rows.utc(start))
                .query(BookingRows::row).list();
    }

    /** Bookings not cancelled that end after {@code after}, of one classroom, by start. */
    public List<Booking> upcoming(long classroomId, Instant after) {
        return jdbc.sql("""
                select * from dev_booking where classroom_id = ? and cancelled_at is null and ends_at > ?
                 order by starts_at, id""").params(classroomId, Rows.utc(after)).query(BookingRows::row).list();
    }

    /** Bookings not cancelled that end after {@code after}, of a school or all schools, of a classroom or all. */
    public List<Booking> upcoming(@Nullable Long schoolId, @Nullable Long classroomId, Instant after, int limit) {
        return jdbc.sql("""
                select * from dev_booking where cancelled_at is null and ends_at > :after
                   and (cast(:school as bigint) is null or school_id = :school)
                   and (cast(:room as bigint) is null or classroom_id = :room)
                 order by starts_at, id fetch first :limit rows only""")
                .param("after", Rows.utc(after)).param("school", schoolId).param("room", classroomId)
                .param("limit", limit).query(BookingRows::row).list();
    }

    boolean cancel(long id, long by, Instant now) {
        return jdbc.sql("update dev_booking set cancelled_by = ?, cancelled_at = ? where id = ? and cancelled_at is null")
                .params(by, Rows.utc(now), id).update() == 1;
    }

    private static Booking row(ResultSet rs, int n) throws SQLException {
        return new Booking(rs.getLong("id"), rs.getLong("classroom_id"), rs.getLong("school_id"),
                Rows.instant(rs, "starts_at"), Rows.instant(rs, "ends_at"), rs.getString("title"), rs.getBoolean("live"),
                rs.getLong("created_by"), rs.getString("created_by_name"), Rows.instant(rs, "created_at"),
                Rows.instantOrNull(rs, "cancelled_at"));
    }
}
