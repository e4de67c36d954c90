package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.Health;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.SourceHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The latest status of every device ({@code dev_device_status}, one row each, overwritten by each heartbeat) and its
 * thinned health history ({@code dev_health_sample}).
 */
@Repository
public class StatusBoard {

    private static final Logger log = LoggerFactory.getLogger(StatusBoard.class);
    private static final TypeReference<List<SourceHealth>> SOURCES = new TypeReference<>() {
    };
    /** Room for a handful of sources; more than this is cut (the column holds 8000 characters). */
    private static final int MAX_SOURCES_JSON = 8000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    StatusBoard(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One point of a device's health history. */
    public record Sample(Instant at, double cpuPercent, long memoryUsedBytes, long memoryTotalBytes, long diskFreeBytes,
            long diskTotalBytes, @Nullable Double temperatureC) {
    }

    /** Stores the heartbeat as the device's status; also a health sample when the last one is older than {@code every}. */
    void save(long deviceId, Heartbeat beat, Instant now, Duration every) {
        Health h = beat.health();
        long skew = Duration.between(now, beat.sentAt()).toMillis();
        var params = new HashMap<String, Object>();
        params.put("device", deviceId);
        params.put("state", beat.state().name());
        params.put("recording", Rows.clip(beat.recordingId(), 100));
        params.put("since", Rows.utcOrNull(beat.recordingSince()));
        params.put("live", beat.live());
        params.put("sources", sources(beat.sources()));
        params.put("cpu", clamp(h.cpuPercent()));
        params.put("memUsed", h.memoryUsedBytes());
        params.put("memTotal", h.memoryTotalBytes());
        params.put("diskFree", h.diskFreeBytes());
        params.put("diskTotal", h.diskTotalBytes());
        params.put("temp", h.temperatureC());
        params.put("uptime", h.uptimeSeconds());
        params.put("version", Rows.clip(beat.agentVersion(), 64));
        params.put("config", Rows.clip(beat.configVersion(), 64));
        params.put("audio", beat.audioLevelDb());
        params.put("skew", skew);
        params.put("now", Rows.utc(now));
        int updated = jdbc.sql("""
                update dev_device_status set state = :state, recording_id = :recording, recording_since = :since,
                       live = :live, sources = :sources, cpu_percent = :cpu, memory_used = :memUsed,
                       memory_total = :memTotal, disk_free = :diskFree, disk_total = :diskTotal, temperature_c = :temp,
                       uptime_seconds = :uptime, agent_version = :version, config_version = :config,
                       audio_level_db = :audio, clock_skew_ms = :skew, last_seen_at = :now
                 where device_id = :device""").params(params).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into dev_device_status (device_id, state, recording_id, recording_since, live, sources,
                        cpu_percent, memory_used, memory_total, disk_free, disk_total, temperature_c, uptime_seconds,
                        agent_version, config_version, audio_level_db, clock_skew_ms, last_seen_at)
                    values (:device, :state, :recording, :since, :live, :sources, :cpu, :memUsed, :memTotal, :diskFree,
                        :diskTotal, :temp, :uptime, :version, :config, :audio, :skew, :now)""").params(params).update();
        }
        if (Math.abs(skew) > 2_000) {
            log.debug("Device {} clock is {} ms off the platform's", deviceId, skew);
        }
        // claims the sample slot atomically, so two nodes never both write one for the same interval
        boolean sampleDue = jdbc.sql("""
                update dev_device_status set last_sample_at = :now
                 where device_id = :device and (last_sample_at is null or last_sample_at <= :due)""")
                .param("now", Rows.utc(now)).param("device", deviceId).param("due", Rows.utc(now.minus(every)))
                .update() == 1;
        if (sampleDue) {
            jdbc.sql("""
                    insert into dev_health_sample (device_id, at, cpu_percent, memory_used, memory_total, disk_free,
                        disk_total, temperature_c)
                    values (:device, :now, :cpu, :memUsed, :memTotal, :diskFree, :diskTotal, :temp)""").params(params)
                    .update();
        }
    }

    public Optional<AgentStatus> of(long deviceId) {
        return jdbc.sql("select * from dev_device_status where device_id = ?").param(deviceId).query(this::status)
                .optional();
    }

    /** The statuses of some devices, by device id; devices that never sent a heartbeat are missing. */
    public Map<Long, AgentStatus> of(Collection<Long> deviceIds) {
        Map<Long, AgentStatus> found = new HashMap<>();
        if (!deviceIds.isEmpty()) {
            jdbc.sql("select * from dev_device_status where device_id in (:ids)").param("ids", deviceIds)
                    .query(this::status).list().forEach(s -> found.put(s.deviceId(), s));
        }
        return found;
    }

    /** A device's health history from {@code since}, oldest first. */
    public List<Sample> history(long deviceId, Instant since) {
        return jdbc.sql("""
                select * from dev_health_sample where device_id = ? and at >= ? order by at""")
                .params(deviceId, Rows.utc(since))
                .query((rs, n) -> new Sample(Rows.instant(rs, "at"), rs.getDouble("cpu_percent"),
                        rs.getLong("memory_used"), rs.getLong("memory_total"), rs.getLong("disk_free"),
                        rs.getLong("disk_total"), rs.getObject("temperature_c", Double.class)))
                .list();
    }

    /** Deletes health samples older than {@code before}. @return how many */
    int purgeSamples(Instant before) {
        return jdbc.sql("delete from dev_health_sample where at < ?").param(Rows.utc(before)).update();
    }

    private AgentStatus status(ResultSet rs, int row) throws SQLException {
        Health health = new Health(rs.getDouble("cpu_percent"), rs.getLong("memory_used"), rs.getLong("memory_total"),
                rs.getLong("disk_free"), rs.getLong("disk_total"), rs.getObject("temperature_c", Double.class),
                rs.getLong("uptime_seconds"));
        return new AgentStatus(rs.getLong("device_id"), AgentState.valueOf(rs.getString("state")),
                rs.getString("recording_id"), Rows.instantOrNull(rs, "recording_since"), rs.getBoolean("live"),
                readSources(rs.getString("sources")), health, rs.getString("agent_version"),
                rs.getString("config_version"), rs.getObject("audio_level_db", Double.class),
                rs.getLong("clock_skew_ms"), Rows.instant(rs, "last_seen_at"));
    }

    private String sources(List<SourceHealth> sources) {
        List<SourceHealth> kept = sources;
        String text = json.writeValueAsString(kept);
        while (text.length() > MAX_SOURCES_JSON && !kept.isEmpty()) {
            kept = kept.subList(0, kept.size() - 1);
            text = json.writeValueAsString(kept);
        }
        return text;
    }

    private List<SourceHealth> readSources(String text) {
        try {
            return json.readValue(text, SOURCES);
        } catch (RuntimeException e) {
            log.warn("Unreadable source health {}: {}", text, e.toString());
            return List.of();
        }
    }

    private static double clamp(double percent) {
        return Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
    }
}
