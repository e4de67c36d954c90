package org.ketang.platform.devices.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.internal.DeviceRegistry;
import org.ketang.platform.devices.internal.Enrollments;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Reach;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** The device inventory for admins: enrollment codes, the list of devices, retiring a device. */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "devices", description = "设备与集控 / devices")
class DevicesController {

    private final DeviceRegistry registry;
    private final Enrollments enrollments;
    private final Reach reach;

    DevicesController(DeviceRegistry registry, Enrollments enrollments, Reach reach) {
        this.registry = registry;
        this.enrollments = enrollments;
        this.reach = reach;
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

    /** A device as the console lists it. */
    record DeviceView(long id, String kind, long classroomId, long schoolId, String name, @Nullable String hostname,
            @Nullable String model, @Nullable String agentVersion, @Nullable String mac, @Nullable String ip,
            Instant enrolledAt, @Nullable Instant retiredAt) {

        static DeviceView of(Device d) {
            return new DeviceView(d.id(), d.kind().code(), d.classroomId(), d.schoolId(), d.name(), d.hostname(),
                    d.model(), d.agentVersion(), d.mac(), d.ip(), d.enrolledAt(), d.retiredAt());
        }
    }

    @GetMapping
    List<DeviceView> list(Actor actor, @RequestParam @Nullable Long schoolId,
            @RequestParam(defaultValue = "false") boolean retired) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        return registry.all(actor.schoolToQuery(schoolId), retired).stream()
                .filter(d -> visible.classroom(d.classroomId(), d.schoolId())).map(DeviceView::of).toList();
    }

    @PostMapping("/{id}/retire")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retire(Actor actor, @PathVariable long id, HttpServletRequest http) {
        enrollments.retire(actor, id, http.getRemoteAddr());
    }
}
