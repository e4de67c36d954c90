package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.RecordingReport;
import org.ketang.agent.protocol.RecordingStatus;
import org.ketang.platform.devices.Device;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recordings as their agents report them ({@code dev_recording}, one row per device and recording id), and what the
 * platform holds of each: a recording is <em>confirmed</em> once the platform received the whole upload of it from
 * that device with a SHA-256 the upload was checked against — only then may the agent delete its local copy.
 */
@Repository
@Transactional
public class Recordings {

    /** A recording as the console lists it. */
    public record Recording(String recordingId, long deviceId, long classroomId, RecordingReport.Phase phase,
            Instant startedAt, @Nullable Instant endedAt, long bytes, @Nullable String sha256,
            @Nullable String scheduleUid, @Nullable String message, @Nullable Instant reportedAt,
            @Nullable String uploadId, @Nullable String confirmedSha256, @Nullable Instant confirmedAt,
            @Nullable Long lessonId) {

        public RecordingStatus status() {
            return new RecordingStatus(recordingId, confirmedAt != null, confirmedSha256, lessonId);
        }
    }

    private final JdbcClient jdbc;

    Recordings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores what the agent reports about one of its recordings; the platform's own findings (confirmation, lesson)
     * are left alone. @return what the platform holds of it
     */
    public RecordingStatus report(Device device, RecordingReport report, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("device", device.id());
        params.put("recording", report.recordingId());
        params.put("room", device.classroomId());
        params.put("school", device.schoolId());
        params.put("phase", report.phase().name());
        params.put("started", Rows.utc(report.startedAt()));
        params.put("ended", Rows.utcOrNull(report.endedAt()));
        params.put("bytes", Math.max(0, report.bytes()));
        params.put("sha", Rows.clip(report.sha256(), 64));
        params.put("url", Rows.clip(report.uploadUrl(), 500));
        params.put("uid", Rows.clip(report.scheduleUid(), 200));
        params.put("message", Rows.clip(report.message(), 1000));
        params.put("now", Rows.utc(now));
        int updated = jdbc.sql("""
                update dev_recording set phase = :phase, started_at = :started, ended_at = :ended, bytes = :bytes,
                       sha256 = :sha, upload_url = :url, schedule_uid = :uid, message = :message, reported_at = :now
                 where device_id = :device and recording_id = :recording""").params(params).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into dev_recording (device_id, recording_id, classroom_id, school_id, phase, started_at,
                        ended_at, bytes, sha256, upload_url, schedule_uid, message, reported_at)
                    values (:device, :recording, :room, :school, :phase, :started, :ended, :bytes, :sha, :url, :uid,
                        :message, :now)""").params(params).update();
        }
        return status(device.id(), report.recordingId());
    }

    /**
     * Marks a recording as held by the platform with the upload's verified SHA-256. A recording the agent never
     * reported is created from the upload's metadata ({@code startedAt} is then required).
     *
     * @return the recording as stored, or empty when it is unknown and {@code startedAt} is missing
     */
    Optional<Recording> confirm(Device device, String recordingId, @Nullable Instant startedAt,
            @Nullable Instant endedAt, long bytes, String sha256, String uploadId, Instant now) {
        int updated = jdbc.sql("""
                update dev_recording set confirmed_sha256 = ?, confirmed_at = ?, upload_id = ?
                 where device_id = ? and recording_id = ?""")
                .params(sha256, Rows.utc(now), uploadId, device.id(), recordingId).update();
        if (updated == 0) {
            if (startedAt == null) {
                return Optional.empty();
            }
            jdbc.sql("""
                    insert into dev_recording (device_id, recording_id, classroom_id, school_id, phase, started_at,
                        ended_at, bytes, sha256, upload_id, confirmed_sha256, confirmed_at)
                    values (?, ?, ?, ?, 'UPLOADED', ?, ?, ?, ?, ?, ?, ?)""")
                    .params(device.id(), recordingId, device.classroomId(), device.schoolId(), Rows.utc(startedAt),
                            Rows.utcOrNull(endedAt), bytes, sha256, uploadId, sha256, Rows.utc(now))
                    .update();
        }
        return find(device.id(), recordingId);
    }

    void lessonMade(long deviceId, String recordingId, long lessonId) {
        jdbc.sql("update dev_recording set lesson_id = ? where device_id = ? and recording_id = ?")
                .params(lessonId, deviceId, recordingId).update();
    }

    public Optional<Recording> find(long deviceId, String recordingId) {
        return jdbc.sql("select * from dev_recording where device_id = ? and recording_id = ?")
                .params(deviceId, recordingId).query(Recordings::row).optional();
    }

    /** What the platform holds of one of the device's recordings (not confirmed when it never heard of it). */
    public RecordingStatus status(long deviceId, String recordingId) {
        return find(deviceId, recordingId).map(Recording::status)
                .orElseGet(() -> new RecordingStatus(recordingId, false, null, null));
    }

    /** A device's latest recordings, newest first. */
    public List<Recording> ofDevice(long deviceId, int limit) {
        return jdbc.sql("""
                select * from dev_recording where device_id = ? order by started_at desc, id desc fetch first ? rows only""")
                .params(deviceId, limit).query(Recordings::row).list();
    }

    private static Recording row(ResultSet rs, int n) throws SQLException {
        return new Recording(rs.getString("recording_id"), rs.getLong("device_id"), rs.getLong("classroom_id"),
                RecordingReport.Phase.valueOf(rs.getString("phase")), Rows.instant(rs, "started_at"),
                Rows.instantOrNull(rs, "ended_at"), rs.getLong("bytes"), rs.getString("sha256"),
                rs.getString("schedule_uid"), rs.getString("message"), Rows.instantOrNull(rs, "reported_at"),
                rs.getString("upload_id"), rs.getString("confirmed_sha256"), Rows.instantOrNull(rs, "confirmed_at"),
                rs.getObject("lesson_id", Long.class));
    }
}
