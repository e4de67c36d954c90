package org.ketang.platform.devices;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An enrolled device.
 *
 * @param id          the device id
 * @param kind        recorder or display
 * @param classroomId its classroom
 * @param schoolId    the classroom's school
 * @param accountId   its identity account (the {@code Actor} of its requests), null for very old rows
 * @param name        e.g. "录播教室1 录播主机"
 * @param retiredAt   when it was retired or replaced, or null while in service
 */
public record Device(long id, DeviceKind kind, long classroomId, long schoolId, @Nullable Long accountId, String name,
        @Nullable String hostname, @Nullable String model, @Nullable String agentVersion, @Nullable String mac,
        @Nullable String ip, @Nullable Integer netmask, Instant enrolledAt, @Nullable Instant retiredAt) {

    public boolean inService() {
        return retiredAt == null;
    }
}
