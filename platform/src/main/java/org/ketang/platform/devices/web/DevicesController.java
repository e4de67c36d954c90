package org.ketang.platform.devices.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.CommandType;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.internal.Alerts;
import org.ketang.platform.devices.internal.ClassroomSettings;
import org.ketang.platform.devices.internal.Commands;
import org.ketang.platform.devices.internal.DeviceAccess;
import org.ketang.platform.devices.internal.DeviceRegistry;
import org.ketang.platform.devices.internal.DeviceSettings;
import org.ketang.platform.devices.internal.Enrollments;
import org.ketang.platform.devices.internal.RecordingRooms;
import org.ketang.platform.devices.internal.Recordings;
import org.ketang.platform.devices.internal.Thumbnail;
import org.ketang.platform.devices.internal.Thumbnails;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Reach;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The device console for people: enrollment codes, the devices and their live state, thumbnails, commands, recordings,
 * alerts, and the recording classrooms with their settings. Looking needs DEVICE_VIEW (thumbnails: or PATROL) and the
 * classroom in reach; acting needs DEVICE_CONTROL over the classroom's whole school.
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "devices", description = "设备与集控 / devices")
class DevicesController {

    private final DeviceRegistry registry;
    private final Enrollments enrollments;
    private final Reach reach;
    private final DeviceAccess access;
    private final RecordingRooms rooms;
    private final Thumbnails thumbnails;
    private final Commands commands;
    private final Recordings recordings;
    private final Alerts alerts;
    private final DeviceSettings settings;

    DevicesController(DeviceRegistry registry, Enrollments enrollments, Reach reach, DeviceAccess access,
            RecordingRooms rooms, Thumbnails thumbnails, Commands commands, Recordings recordings, Alerts alerts,
            DeviceSettings settings) {
        this.registry = registry;
        this.enrollments = enrollments;
        this.reach = reach;
        this.access = access;
        this.rooms = rooms;
        this.thumbnails = thumbnails;
        this.commands = commands;
        this.recordings = recordings;
        this.alerts = alerts;
        this.settings = settings;
    }

    record CodeRequest(@Nullable Long classroomId, @Nullable String kind) {
    }

    @PostMapping("/enrollment-codes")
    @ResponseStatus(HttpStatus.CREATED)
    Enrollments.IssuedCode issueCode(Actor actor, @RequestBody CodeRequest request, HttpServletRequest http) {
        if (request.classroomId() == null) {
            throw ApiProblem.invalid("请选择教室", "classroomId is required");
        }
        DeviceKind kind = request.kind() == null ? DeviceKind.RECORDER : DeviceKind.parse(request.kind())
                .orElseThrow(() -> ApiProblem.invalid("设备类型必须是 recorder 或 display",
                        "The kind must be recorder or display"));
        return enrollments.issueCode(actor, request.classroomId(), kind, http.getRemoteAddr());
    }

    @GetMapping
    List<Views.DeviceView> list(Actor actor, @RequestParam @Nullable Long schoolId,
            @RequestParam(defaultValue = "false") boolean retired) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        List<Device> devices = registry.all(actor.schoolToQuery(schoolId), retired).stream()
                .filter(d -> visible.classroom(d.classroomId(), d.schoolId())).toList();
        return rooms.states(devices).stream().map(Views.DeviceView::of).toList();
    }

    /** The recording classrooms in reach, each with its recorder's live state: the recorders page. */
    @GetMapping("/recorders")
    Views.RecordersView recorders(Actor actor, @RequestParam @Nullable Long schoolId) {
        List<Views.RoomView> list = rooms.rooms(actor, schoolId).stream().map(Views.RoomView::of).toList();
        return new Views.RecordersView(rooms.now(), settings.heartbeatSeconds(), list);
    }

    @GetMapping("/{id}")
    Views.DeviceView device(Actor actor, @PathVariable long id) {
        return Views.DeviceView.of(rooms.state(access.visibleDevice(actor, id, Permission.DEVICE_VIEW)));
    }

    /** The device's latest program picture (JPEG); 404 until it sent one. */
    @GetMapping(value = "/{id}/thumbnail.jpg", produces = MediaType.IMAGE_JPEG_VALUE)
    ResponseEntity<byte[]> thumbnail(Actor actor, @PathVariable long id) {
        Device device = access.visibleDevice(actor, id, Permission.DEVICE_VIEW, Permission.PATROL);
        Thumbnail picture = thumbnails.latest(device.id())
                .orElseThrow(() -> ApiProblem.notFound("设备画面", "Thumbnail"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CacheControl.noStore())
                .lastModified(picture.takenAt()).body(picture.jpeg());
    }

    /**
     * What the console asks of a device: a {@link CommandType} and its arguments, and optionally how long it may wait
     * for the agent (10 s – 1 day; the module's default otherwise).
     */
    record CommandRequest(@Nullable String type, @Nullable Map<String, String> args,
            @Nullable Integer expiresInSeconds) {
    }

    /** Sends a command: 202 with the command, which the agent gets on its next heartbeat or long-poll. */
    @PostMapping("/{id}/commands")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Commands.Issued command(Actor actor, @PathVariable long id, @RequestBody CommandRequest request,
            HttpServletRequest http) {
        Device device = access.controllableDevice(actor, id);
        CommandType type = commandType(request.type());
        Duration lifetime = null;
        if (request.expiresInSeconds() != null) {
            if (request.expiresInSeconds() < 10 || request.expiresInSeconds() > 86_400) {
                throw ApiProblem.invalid("有效期必须在 10 秒到 1 天之间", "expiresInSeconds must be from 10 to 86400");
            }
            lifetime = Duration.ofSeconds(request.expiresInSeconds());
        }
        return commands.issue(actor, device, type, request.args() == null ? Map.of() : request.args(), lifetime,
                http.getRemoteAddr());
    }

    @GetMapping("/{id}/commands")
    List<Commands.Issued> commands(Actor actor, @PathVariable long id) {
        return commands.recent(access.visibleDevice(actor, id, Permission.DEVICE_VIEW).id(), 100);
    }

    @GetMapping("/{id}/recordings")
    List<Recordings.Recording> recordings(Actor actor, @PathVariable long id) {
        return recordings.ofDevice(access.visibleDevice(actor, id, Permission.DEVICE_VIEW).id(), 100);
    }

    @PostMapping("/{id}/retire")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retire(Actor actor, @PathVariable long id, HttpServletRequest http) {
        enrollments.retire(actor, id, http.getRemoteAddr());
    }

    /** The alert log, newest first: of a school (or every school in reach), of a device, only the open ones. */
    @GetMapping("/alerts")
    List<Alerts.Alert> alerts(Actor actor, @RequestParam @Nullable Long schoolId, @RequestParam @Nullable Long deviceId,
            @RequestParam(defaultValue = "false") boolean open) {
        actor.require(Permission.DEVICE_VIEW);
        if (deviceId != null) {
            Device device = access.visibleDevice(actor, deviceId, Permission.DEVICE_VIEW);
            return alerts.list(device.schoolId(), device.id(), open, 200);
        }
        Reach.Visible visible = reach.of(actor);
        return alerts.list(actor.schoolToQuery(schoolId), null, open, 200).stream()
                .filter(a -> a.classroomId() == null ? visible.wholeSchool(a.schoolId())
                        : visible.classroom(a.classroomId(), a.schoolId()))
                .toList();
    }

    record SettingsRequest(boolean autoRecord, boolean liveByDefault) {
    }

    /** How a recording classroom records: timetable lessons automatically (default on), live by default (off). */
    @PutMapping("/classrooms/{classroomId}/settings")
    ClassroomSettings.Setting settings(Actor actor, @PathVariable long classroomId,
            @RequestBody SettingsRequest request, HttpServletRequest http) {
        return rooms.change(actor, classroomId, request.autoRecord(), request.liveByDefault(), http.getRemoteAddr());
    }

    private static CommandType commandType(@Nullable String type) {
        if (type == null || type.isBlank()) {
            throw ApiProblem.invalid("请指定命令类型", "type is required");
        }
        try {
            return CommandType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("未知的命令类型：" + type, "Unknown command type: " + type);
        }
    }
}
