package org.ketang.platform.devices.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest thumbnail of each device ({@code dev_thumbnail}); older pictures are not kept. */
@Repository
public class Thumbnails {

    private final JdbcClient jdbc;

    Thumbnails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void store(long deviceId, byte[] jpeg, Instant now) {
        int updated = jdbc.sql("update dev_thumbnail set jpeg = ?, taken_at = ? where device_id = ?")
                .params(jpeg, Rows.utc(now), deviceId).update();
        if (updated == 0) {
            jdbc.sql("insert into dev_thumbnail (device_id, jpeg, taken_at) values (?, ?, ?)")
                    .params(deviceId, jpeg, Rows.utc(now)).update();
        }
    }

    public Optional<Thumbnail> latest(long deviceId) {
        return jdbc.sql("select jpeg, taken_at from dev_thumbnail where device_id = ?").param(deviceId)
                .query((rs, n) -> new Thumbnail(rs.getBytes("jpeg"), Rows.instant(rs, "taken_at"))).optional();
    }

    /** When the latest thumbnail of each device arrived, without reading the pictures. */
    public Map<Long, Instant> takenAt(Collection<Long> deviceIds) {
        Map<Long, Instant> found = new HashMap<>();
        if (!deviceIds.isEmpty()) {
            jdbc.sql("select device_id, taken_at from dev_thumbnail where device_id in (:ids)").param("ids", deviceIds)
                    .query((rs, n) -> found.put(rs.getLong("device_id"), Rows.instant(rs, "taken_at"))).list();
        }
        return found;
    }
}
