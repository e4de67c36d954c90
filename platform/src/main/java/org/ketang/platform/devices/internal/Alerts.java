package org.ketang.platform.devices.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
            @Nullable String acknowledgedByName, @Nullable Instant acknowledgedAt, @Nullable Instant resolvedAt) {
    }

    /** The kind of the alert the platform raises for a device that stopped heartbeating. */
    public static final String OFFLINE = "OFFLINE";

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
        return list(schoolId, deviceId, openOnly, limit, null);
    }

    private List<Alert> list(@Nullable Long schoolId, @Nullable Long deviceId, boolean openOnly, int limit,
            @Nullable Long id) {
        return jdbc.sql("""
                select * from dev_alert
                 where (cast(:id as bigint) is null or id = :id)
                   and (cast(:school as bigint) is null or school_id = :school)
                   and (cast(:device as bigint) is null or device_id = :device)
                   and (:all or acknowledged_at is null)
                 order by at desc, id desc fetch first :limit rows only""")
                .param("id", id).param("school", schoolId).param("device", deviceId).param("all", !openOnly).param("limit", limit)
                .query((rs, n) -> new Alert(rs.getLong("id"), rs.getObject("device_id", Long.class),
                        rs.getObject("classroom_id", Long.class), rs.getLong("school_id"),
                        Source.valueOf(rs.getString("source")), rs.getString("kind"), rs.getString("message"),
                        Rows.instant(rs, "at"), Rows.instant(rs, "received_at"),
                        rs.getObject("acknowledged_by", Long.class), rs.getString("acknowledged_by_name"),
                        Rows.instantOrNull(rs, "acknowledged_at"), Rows.instantOrNull(rs, "resolved_at")))
                .list();
    }

    public Optional<Alert> find(long id) {
        return list(null, null, false, 1, id).stream().findFirst();
    }

    /**
     * Marks an alert as seen by a person; an alert already acknowledged keeps its first acknowledgement.
     *
     * @return whether this call acknowledged it
     */
    public boolean acknowledge(long id, long userId, String userName, Instant now) {
        return jdbc.sql("""
                update dev_alert set acknowledged_by = ?, acknowledged_by_name = ?, acknowledged_at = ?
                 where id = ? and acknowledged_at is null""")
                .params(userId, Rows.clip(userName, 120), Rows.utc(now), id).update() == 1;
    }

    /** What one sweep for offline devices did. */
    public record Sweep(List<Long> wentOffline, int cameBack) {
    }

    /**
     * Raises an OFFLINE alert for every in-service device last seen before {@code cutoff} that has no unresolved one,
     * and resolves the OFFLINE alerts of devices seen since (or retired). Devices that never sent a heartbeat are
     * not watched: they are still being installed.
     */
    Sweep sweepOffline(Instant cutoff, Instant now, java.time.Duration offlineAfter) {
        record Silent(long id, long classroomId, long schoolId, String name, Instant lastSeenAt) {
        }
        List<Silent> silent = jdbc.sql("""
                select d.id, d.classroom_id, d.school_id, d.name, s.last_seen_at
                  from dev_device d join dev_device_status s on s.device_id = d.id
                 where d.retired_at is null and s.last_seen_at < :cutoff
                   and not exists (select 1 from dev_alert a where a.device_id = d.id and a.kind = :kind
                                      and a.resolved_at is null)""")
                .param("cutoff", Rows.utc(cutoff)).param("kind", OFFLINE)
                .query((rs, n) -> new Silent(rs.getLong("id"), rs.getLong("classroom_id"), rs.getLong("school_id"),
                        rs.getString("name"), Rows.instant(rs, "last_seen_at")))
                .list();
        for (Silent d : silent) {
            long seconds = offlineAfter.toSeconds();
            jdbc.sql("""
                    insert into dev_alert (device_id, classroom_id, school_id, source, kind, message, at, received_at)
                    values (?, ?, ?, 'PLATFORM', ?, ?, ?, ?)""")
                    .params(d.id(), d.classroomId(), d.schoolId(), OFFLINE,
                            Rows.clip(d.name() + " 离线：超过 " + seconds + " 秒没有心跳（最后联系 " + d.lastSeenAt()
                                    + "） / offline: no heartbeat for over " + seconds + " s", 1000),
                            Rows.utc(d.lastSeenAt().plus(offlineAfter)), Rows.utc(now))
                    .update();
        }
        int back = jdbc.sql("""
                update dev_alert set resolved_at = :now
                 where kind = :kind and resolved_at is null
                   and device_id in (select s.device_id from dev_device_status s join dev_device d on d.id = s.device_id
                                      where s.last_seen_at >= :cutoff or d.retired_at is not null)""")
                .param("now", Rows.utc(now)).param("kind", OFFLINE).param("cutoff", Rows.utc(cutoff)).update();
        return new Sweep(silent.stream().map(Silent::id).toList(), back);
    }
}
