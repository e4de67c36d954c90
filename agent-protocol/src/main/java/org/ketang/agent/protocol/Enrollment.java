package org.ketang.agent.protocol;

/**
 * What an agent gets for a valid enrollment code. The agent keeps the token (file mode 600) and uses it as
 * {@code Authorization: Bearer} on every later call; it does not expire but is revoked when the device is retired.
 *
 * @param deviceId         the platform's id of this device
 * @param token            the device credential
 * @param classroomId      the classroom the device belongs to
 * @param classroomName    e.g. 录播教室1
 * @param schoolName       e.g. 第一中学
 * @param heartbeatSeconds how often to heartbeat
 */
public record Enrollment(long deviceId, String token, long classroomId, String classroomName, String schoolName,
        int heartbeatSeconds) {
}
