package org.ketang.platform.devices.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How each recording classroom records ({@code dev_classroom_setting}): timetable lessons automatically (on unless
 * turned off) and live by default (off unless turned on). A classroom without a row has the defaults.
 */
@Repository
public class ClassroomSettings {

    /** The recording settings of one classroom. */
    public record Setting(long classroomId, boolean autoRecord, boolean liveByDefault) {

        static Setting defaults(long classroomId) {
            return new Setting(classroomId, true, false);
        }
    }

    private final JdbcClient jdbc;

    ClassroomSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Setting of(long classroomId) {
        return jdbc.sql("select classroom_id, auto_record, live_by_default from dev_classroom_setting where classroom_id = ?")
                .param(classroomId).query((rs, n) -> new Setting(rs.getLong("classroom_id"), rs.getBoolean("auto_record"),
                        rs.getBoolean("live_by_default")))
                .optional().orElseGet(() -> Setting.defaults(classroomId));
    }

    public Map<Long, Setting> of(Collection<Long> classroomIds) {
        Map<Long, Setting> found = new HashMap<>();
        classroomIds.forEach(id -> found.put(id, Setting.defaults(id)));
        if (!classroomIds.isEmpty()) {
            jdbc.sql("""
                    select classroom_id, auto_record, live_by_default from dev_classroom_setting
                     where classroom_id in (:ids)""").param("ids", classroomIds)
                    .query((rs, n) -> found.put(rs.getLong("classroom_id"), new Setting(rs.getLong("classroom_id"),
                            rs.getBoolean("auto_record"), rs.getBoolean("live_by_default"))))
                    .list();
        }
        return found;
    }

    void save(Setting setting, long schoolId, long by, Instant now) {
        int updated = jdbc.sql("""
                update dev_classroom_setting set auto_record = ?, live_by_default = ?, updated_by = ?, updated_at = ?
                 where classroom_id = ?""")
                .params(setting.autoRecord(), setting.liveByDefault(), by, Rows.utc(now), setting.classroomId()).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into dev_classroom_setting (classroom_id, school_id, auto_record, live_by_default, updated_by,
                        updated_at) values (?, ?, ?, ?, ?, ?)""")
                    .params(setting.classroomId(), schoolId, setting.autoRecord(), setting.liveByDefault(), by,
                            Rows.utc(now))
                    .update();
        }
    }

    /**
     * Locks the classroom's settings row (creating it with the defaults when missing) until the transaction ends, so
     * that bookings of one classroom are checked for conflicts one after another.
     */
    void lock(long classroomId, long schoolId, Instant now) {
        jdbc.sql("""
                insert into dev_classroom_setting (classroom_id, school_id, auto_record, live_by_default, updated_at)
                select ?, ?, true, false, ? where not exists (select 1 from dev_classroom_setting where classroom_id = ?)""")
                .params(classroomId, schoolId, Rows.utc(now), classroomId).update();
        jdbc.sql("select classroom_id from dev_classroom_setting where classroom_id = ? for update").param(classroomId)
                .query(Long.class).single();
    }
}
