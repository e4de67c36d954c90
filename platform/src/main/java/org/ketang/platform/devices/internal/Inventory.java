package org.ketang.platform.devices.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Reach;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The device inventory (设备台账): every recorder and display in reach with its classroom, building and school, what
 * it reported about itself (model, versions, addresses), enrollment and last contact, its live state and config;
 * retired devices stay listed (with {@code retiredAt}) so a classroom's history of boxes is never lost.
 */
@Service
@Transactional(readOnly = true)
public class Inventory {

    /** One device of the inventory; the status fields are null until its first heartbeat. */
    public record Row(long id, String kind, String name, long classroomId, String classroomName,
            @Nullable Long buildingId, @Nullable String buildingName, long schoolId, String schoolName,
            @Nullable String hostname, @Nullable String model, @Nullable String agentVersion, @Nullable String mac,
            @Nullable String ip, @Nullable Integer netmask, Instant enrolledAt, @Nullable Instant retiredAt,
            boolean online, @Nullable Instant lastSeenAt, @Nullable String state, boolean live,
            @Nullable Double audioLevelDb, @Nullable Double cpuPercent, @Nullable Double memoryPercent,
            @Nullable Double diskFreePercent, @Nullable Double temperatureC, @Nullable Instant thumbnailAt,
            ConfigProfiles.DeviceConfig config) {
    }

    private final DeviceRegistry registry;
    private final RecordingRooms rooms;
    private final Directory directory;
    private final Reach reach;
    private final ConfigProfiles profiles;

    Inventory(DeviceRegistry registry, RecordingRooms rooms, Directory directory, Reach reach,
            ConfigProfiles profiles) {
        this.registry = registry;
        this.rooms = rooms;
        this.directory = directory;
        this.reach = reach;
        this.profiles = profiles;
    }

    /** The devices the actor sees, by school and classroom; of one kind when asked; retired ones when asked. */
    public List<Row> list(Actor actor, @Nullable Long schoolId, @Nullable DeviceKind kind, boolean withRetired) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        List<Device> devices = registry.all(actor.schoolToQuery(schoolId), withRetired).stream()
                .filter(d -> kind == null || d.kind() == kind)
                .filter(d -> visible.classroom(d.classroomId(), d.schoolId())).toList();
        Map<Long, ConfigProfiles.DeviceConfig> configs = profiles.configs(devices);
        Map<Long, Optional<Directory.ClassroomInfo>> classrooms = new HashMap<>();
        Map<Long, String> schools = new HashMap<>();
        return rooms.states(devices).stream().map(s -> {
            Device d = s.device();
            AgentStatus a = s.status();
            Optional<Directory.ClassroomInfo> room = classrooms.computeIfAbsent(d.classroomId(), directory::classroom);
            String school = schools.computeIfAbsent(d.schoolId(), directory::schoolName);
            return new Row(d.id(), d.kind().code(), d.name(), d.classroomId(),
                    room.map(Directory.ClassroomInfo::name).orElse("#" + d.classroomId()),
                    room.map(Directory.ClassroomInfo::buildingId).orElse(null),
                    room.map(Directory.ClassroomInfo::buildingName).orElse(null), d.schoolId(), school, d.hostname(),
                    d.model(), d.agentVersion(), d.mac(), d.ip(), d.netmask(), d.enrolledAt(), d.retiredAt(),
                    s.online(), a == null ? null : a.lastSeenAt(), a == null ? null : a.state().name(),
                    a != null && a.live(), a == null ? null : a.audioLevelDb(),
                    a == null ? null : a.health().cpuPercent(),
                    a == null ? null : percent(a.health().memoryUsedBytes(), a.health().memoryTotalBytes()),
                    a == null ? null : percent(a.health().diskFreeBytes(), a.health().diskTotalBytes()),
                    a == null ? null : a.health().temperatureC(), s.thumbnailAt(), configs.get(d.id()));
        }).toList();
    }

    private static @Nullable Double percent(long part, long total) {
        return total <= 0 ? null : Math.round(1000.0 * part / total) / 10.0;
    }
}
