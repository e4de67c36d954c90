package org.ketang.platform.devices.web;

import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.agent.protocol.Enrollment;
import org.ketang.platform.devices.DeviceEnrollment;
import org.ketang.platform.devices.internal.DeviceSettings;
import org.ketang.platform.devices.internal.Enrollments;
import org.ketang.platform.http.ApiProblem;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** The one agent call that needs no credentials: exchanging a one-time code for them. */
@RestController
@Tag(name = "agent", description = "设备接口 / device (agent) protocol")
class AgentEnrollmentController {

    private final Enrollments enrollments;
    private final DeviceSettings settings;

    AgentEnrollmentController(Enrollments enrollments, DeviceSettings settings) {
        this.enrollments = enrollments;
        this.settings = settings;
    }

    @PostMapping(AgentApi.ENROLL)
    Enrollment enroll(@RequestBody EnrollRequest request, HttpServletRequest http) {
        if (request.code() == null || request.code().isBlank() || request.kind() == null
                || request.hostname() == null || request.agentVersion() == null) {
            throw ApiProblem.invalid("缺少注册码、设备类型、主机名或版本", "code, kind, hostname and agentVersion are required");
        }
        DeviceEnrollment.Enrolled e = enrollments.enroll(request, http.getRemoteAddr());
        return new Enrollment(e.device().id(), e.token(), e.device().classroomId(), e.classroomName(), e.schoolName(),
                settings.heartbeatSeconds());
    }
}
