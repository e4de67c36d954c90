package org.ketang.platform.devices;

import org.jspecify.annotations.Nullable;

/**
 * A device was enrolled with a one-time code.
 *
 * @param replaced the device it replaces in the same classroom (now retired), or null
 */
public record DeviceEnrolled(long deviceId, DeviceKind kind, long classroomId, long schoolId, long enrolledBy,
        @Nullable Long replaced) {
}
