package org.ketang.platform.devices.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.Health;
import org.ketang.agent.protocol.SourceHealth;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.internal.AgentStatus;
import org.ketang.platform.devices.internal.RecordingRooms;

/** How the console API shows devices and recording classrooms. */
final class Views {

    private Views() {
    }

    /**
     * A device with what it last reported. {@code online} is computed when answering (last heartbeat younger than
     * three heartbeat intervals); the reported fields are null until the first heartbeat.
     */
    record DeviceView(long id, String kind, long classroomId, long schoolId, String name, @Nullable String hostname,
            @Nullable String model, @Nullable String agentVersion, @Nullable String mac, @Nullable String ip,
            Instant enrolledAt, @Nullable Instant retiredAt, boolean online, @Nullable Instant lastSeenAt,
            @Nullable String state, @Nullable String recordingId, @Nullable Instant recordingSince, boolean live,
            @Nullable Double audioLevelDb, @Nullable Health health, List<SourceHealth> sources,
            @Nullable String configVersion, @Nullable Long clockSkewMs, @Nullable Instant thumbnailAt) {

        static DeviceView of(RecordingRooms.DeviceState s) {
            Device d = s.device();
            AgentStatus a = s.status();
            return new DeviceView(d.id(), d.kind().code(), d.classroomId(), d.schoolId(), d.name(), d.hostname(),
                    d.model(), d.agentVersion(), d.mac(), d.ip(), d.enrolledAt(), d.retiredAt(), s.online(),
                    a == null ? null : a.lastSeenAt(), a == null ? null : a.state().name(),
                    a == null ? null : a.recordingId(), a == null ? null : a.recordingSince(), a != null && a.live(),
                    a == null ? null : a.audioLevelDb(), a == null ? null : a.health(),
                    a == null ? List.of() : a.sources(), a == null ? null : a.configVersion(),
                    a == null ? null : a.clockSkewMs(), s.thumbnailAt());
        }
    }

    /** A recording classroom with its recording settings and its recorder (null when none is enrolled). */
    record RoomView(long classroomId, String classroomName, String buildingName, long schoolId, String schoolName,
            boolean autoRecord, boolean liveByDefault, @Nullable DeviceView recorder) {

        static RoomView of(RecordingRooms.Room r) {
            return new RoomView(r.classroom().classroomId(), r.classroom().name(), r.classroom().buildingName(),
                    r.classroom().schoolId(), r.schoolName(), r.setting().autoRecord(), r.setting().liveByDefault(),
                    r.recorder() == null ? null : DeviceView.of(r.recorder()));
        }
    }

    /**
     * The recorders page: {@code serverTime} lets the page show elapsed recording times by the platform's clock.
     *
     * @param heartbeatSeconds how often agents beat (a device is offline after three missed beats)
     */
    record RecordersView(Instant serverTime, int heartbeatSeconds, List<RoomView> rooms) {
    }
}
