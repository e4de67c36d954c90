package org.ketang.platform.devices.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Reach;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recording classrooms as the console shows them: each with its recording settings and its recorder's live
 * state (online when its last heartbeat is younger than {@link DeviceSettings#offlineAfter()}, computed on read).
 */
@Service
@Transactional(readOnly = true)
public class RecordingRooms {

    /** A device and what it last reported; {@code status} is null until its first heartbeat. */
    public record DeviceState(Device device, @Nullable AgentStatus status, boolean online,
            @Nullable Instant thumbnailAt) {
    }

    /** A recording classroom, its settings and its in-service recorder (null when none is enrolled). */
    public record Room(Directory.ClassroomInfo classroom, String schoolName, ClassroomSettings.Setting setting,
            @Nullable DeviceState recorder) {
    }

    private final Directory directory;
    private final Reach reach;
    private final DeviceRegistry registry;
    private final StatusBoard board;
    private final Thumbnails thumbnails;
    private final ClassroomSettings settings;
    private final DeviceAccess access;
    private final Schedules schedules;
    private final AuditTrail audit;
    private final DeviceSettings deviceSettings;
    private final Clock clock = Clock.systemUTC();

    RecordingRooms(Directory directory, Reach reach, DeviceRegistry registry, StatusBoard board, Thumbnails thumbnails,
            ClassroomSettings settings, DeviceAccess access, Schedules schedules, AuditTrail audit,
            DeviceSettings deviceSettings) {
        this.directory = directory;
        this.reach = reach;
        this.registry = registry;
        this.board = board;
        this.thumbnails = thumbnails;
        this.settings = settings;
        this.access = access;
        this.schedules = schedules;
        this.audit = audit;
        this.deviceSettings = deviceSettings;
    }

    /** The recording classrooms the actor sees (DEVICE_VIEW), of one school or every school in reach. */
    public List<Room> rooms(Actor actor, @Nullable Long schoolId) {
        actor.require(Permission.DEVICE_VIEW);
        Long school = actor.schoolToQuery(schoolId);
        Reach.Visible visible = reach.of(actor);
        List<Directory.ClassroomInfo> rooms = directory.recordingClassrooms(school).stream()
                .filter(r -> visible.classroom(r.classroomId(), r.schoolId())).toList();
        Map<Long, Device> recorders = registry.inService(DeviceKind.RECORDER, school).stream()
                .collect(Collectors.toMap(Device::classroomId, Function.identity(), (a, b) -> a.id() > b.id() ? a : b));
        Map<Long, DeviceState> states = states(List.copyOf(recorders.values())).stream()
                .collect(Collectors.toMap(s -> s.device().id(), Function.identity()));
        Map<Long, ClassroomSettings.Setting> roomSettings = settings.of(
                rooms.stream().map(Directory.ClassroomInfo::classroomId).toList());
        return rooms.stream().map(r -> {
            Device recorder = recorders.get(r.classroomId());
            return new Room(r, directory.schoolName(r.schoolId()), roomSettings.get(r.classroomId()),
                    recorder == null ? null : states.get(recorder.id()));
        }).toList();
    }

    /** The states of some devices, in the same order. */
    public List<DeviceState> states(List<Device> devices) {
        List<Long> ids = devices.stream().map(Device::id).toList();
        Map<Long, AgentStatus> statuses = board.of(ids);
        Map<Long, Instant> pictures = thumbnails.takenAt(ids);
        Instant now = clock.instant();
        return devices.stream().map(d -> {
            AgentStatus status = statuses.get(d.id());
            boolean online = d.inService() && status != null && status.online(now, deviceSettings.offlineAfter());
            return new DeviceState(d, status, online, pictures.get(d.id()));
        }).toList();
    }

    public DeviceState state(Device device) {
        return states(List.of(device)).get(0);
    }

    /** Changes how a recording classroom records; audited, and its schedule is computed afresh. */
    @Transactional
    public ClassroomSettings.Setting change(Actor actor, long classroomId, boolean autoRecord, boolean liveByDefault,
            @Nullable String ip) {
        Directory.ClassroomInfo room = access.controllableClassroom(actor, classroomId);
        DeviceAccess.requireRecording(room);
        ClassroomSettings.Setting setting = new ClassroomSettings.Setting(classroomId, autoRecord, liveByDefault);
        settings.save(setting, room.schoolId(), actor.userId(), clock.instant());
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.classroom-settings", room.name(),
                "按课表自动录制：" + (autoRecord ? "开" : "关") + "；默认直播：" + (liveByDefault ? "开" : "关"),
                AuditTrail.Outcome.SUCCESS, room.schoolId(), ip));
        AfterCommit.run(() -> schedules.changed(classroomId));
        return setting;
    }

    /** When this answer was made, so that a page can show elapsed times without trusting its own clock. */
    public Instant now() {
        return clock.instant();
    }
}
