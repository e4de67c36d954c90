package org.ketang.platform.devices.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentAlert;
import org.ketang.platform.devices.Device;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The alert log ({@code dev_alert}). Agents send alerts with their heartbeats and send them again until a heartbeat
 * got through, so an alert already stored (same device, kind, time and message) is not stored twice.
 */
@Repository
public class Alerts {

    /** Where an alert comes from: an agent, or the platform watching the agents (issue 8: offline, disk low, ...). */
    public enum Source {
        AGENT, PLATFORM
    }

    /** One alert as the console lists it. */
    public record Alert(long id, @Nullable Long deviceId, @Nullable Long classroomId, long schoolId, Source source,
            String kind, String message, Instant at, Instant receivedAt, @Nullable Long acknowledgedBy,
            @Nullable Instant acknowledgedAt) {
    }

    private final JdbcClient jdbc;

    Alerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores what an agent reported, skipping alerts already stored. @return how many were new */
    int fromAgent(Device device, List<AgentAlert> alerts, Instant now) {
        int stored = 0;
        for (AgentAlert alert : alerts) {
            if (alert.kind() == null || alert.at() == null) {
                continue;
            }
            String message = alert.message() == null || alert.message().isBlank() ? alert.kind().name()
                    : Rows.clip(alert.message(), 1000);
            stored += jdbc.sql("""
                    insert into dev_alert (device_id, classroom_id, school_id, source, kind, message, at, received_at)
                    select :device, :room, :school, 'AGENT', :kind, :message, :at, :now
                     where not exists (select 1 from dev_alert where device_id = :device and kind = :kind and at = :at
                                          and message = :message)""")
                    .param("device", device.id()).param("room", device.classroomId()).param("school", device.schoolId())
                    .param("kind", alert.kind().name()).param("message", message).param("at", Rows.utc(alert.at()))
                    .param("now", Rows.utc(now)).update();
        }
        return stored;
    }

    /**
     * Alerts newest first, of one school or every school ({@code schoolId} null), of one device or all, only the
     * unacknowledged ones when asked.
     */
    public List<Alert> list(@Nullable Long schoolId, @Nullable Long deviceId, boolean openOnly, int limit) {
        return jdbc.sql("""
                select * from dev_alert
                 where (cast(:school as bigint) is null or school_id = :school)
                   and (cast(:device as bigint) is null or device_id = :device)
                   and (:all or acknowledged_at is null)
                 order by at desc, id desc fetch first :limit rows only""")
                .param("school", schoolId).param("device", deviceId).param("all", !openOnly).param("limit", limit)
                .query((rs, n) -> new Alert(rs.getLong("id"), rs.getObject("device_id", Long.class),
                        rs.getObject("classroom_id", Long.class), rs.getLong("school_id"),
                        Source.valueOf(rs.getString("source")), rs.getString("kind"), rs.getString("message"),
                        Rows.instant(rs, "at"), Rows.instant(rs, "received_at"),
                        rs.getObject("acknowledged_by", Long.class), Rows.instantOrNull(rs, "acknowledged_at")))
                .list();
    }
}
