package org.ketang.platform.devices;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.platform.identity.Actor;

/**
 * Enrolling a device directly, for pairing flows where the admin confirms a code the <em>device</em> shows (a
 * classroom display) instead of typing a platform code into the box. The same rules as the one-time code apply:
 * DEVICE_CONTROL over the classroom's whole school, a recorder only in a recording classroom, a new recorder retires
 * the classroom's previous one; audited, {@link DeviceEnrolled} published.
 */
public interface DeviceEnrollment {

    /**
     * Enrolls a device of {@code kind} in {@code classroomId} on behalf of {@code admin}.
     *
     * @param details what the device said about itself ({@link EnrollRequest#code()} is ignored)
     * @param ip      the admin's address, for the audit log
     */
    Enrolled enroll(Actor admin, long classroomId, DeviceKind kind, EnrollRequest details, @Nullable String ip);

    /** A new device and the token to hand to it, once. */
    record Enrolled(Device device, String token, String classroomName, String schoolName) {
    }
}
