package org.ketang.platform.devices.internal;

import java.util.Arrays;

import org.ketang.platform.devices.Device;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Reach;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may look at and act on which device or classroom. Looking needs a permission and a classroom in the actor's
 * {@link Reach}; acting (commands, settings, enrollment) needs DEVICE_CONTROL over the classroom's whole school — a
 * school admin acts in their school only. A thing out of reach is 404, never revealing that it exists; a thing in
 * reach without the right to act is 403.
 */
@Component
public class DeviceAccess {

    private final DeviceRegistry registry;
    private final Directory directory;
    private final Reach reach;

    DeviceAccess(DeviceRegistry registry, Directory directory, Reach reach) {
        this.registry = registry;
        this.directory = directory;
        this.reach = reach;
    }

    /** A device the actor may look at with any of {@code permissions}. */
    public Device visibleDevice(Actor actor, long deviceId, Permission... permissions) {
        requireAny(actor, permissions);
        return registry.find(deviceId).filter(d -> reach.of(actor).classroom(d.classroomId(), d.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("设备", "Device"));
    }

    /** A device the actor may command, retire or configure. */
    public Device controllableDevice(Actor actor, long deviceId) {
        Device device = visibleDevice(actor, deviceId, Permission.DEVICE_CONTROL);
        if (!actor.reachesWholeSchool(device.schoolId())) {
            throw ApiProblem.forbidden();
        }
        return device;
    }

    /** A classroom the actor may look at with any of {@code permissions}. */
    public Directory.ClassroomInfo visibleClassroom(Actor actor, long classroomId, Permission... permissions) {
        requireAny(actor, permissions);
        return directory.classroom(classroomId).filter(r -> reach.of(actor).classroom(r.classroomId(), r.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("教室", "Classroom"));
    }

    /** A classroom whose devices and recording settings the actor may manage. */
    public Directory.ClassroomInfo controllableClassroom(Actor actor, long classroomId) {
        Directory.ClassroomInfo room = visibleClassroom(actor, classroomId, Permission.DEVICE_CONTROL);
        if (!actor.reachesWholeSchool(room.schoolId())) {
            throw ApiProblem.forbidden();
        }
        return room;
    }

    /** 409 {@code not-a-recording-classroom} unless the classroom records. */
    public static void requireRecording(Directory.ClassroomInfo room) {
        if (!room.recording()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "not-a-recording-classroom",
                    "“" + room.name() + "”不是录播教室，请先在教室设置中打开“录播教室”",
                    "“" + room.name() + "” is not a recording classroom: mark it as one in the classroom settings first");
        }
    }

    private static void requireAny(Actor actor, Permission... permissions) {
        if (Arrays.stream(permissions).noneMatch(actor::can)) {
            throw ApiProblem.forbidden();
        }
    }
}
