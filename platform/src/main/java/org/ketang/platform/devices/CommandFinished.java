package org.ketang.platform.devices;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.CommandType;

/**
 * A command sent to a device ended: the agent acknowledged it (ok or not), or it expired before the agent did.
 *
 * @param commandId the command's id
 * @param ok        whether it succeeded (false when it expired)
 * @param expired   whether the platform gave up waiting for the agent
 * @param message   what the agent said, or why it ended
 * @param issuedBy  the account that issued it, or null for the platform itself
 */
public record CommandFinished(String commandId, long deviceId, long classroomId, long schoolId, CommandType type,
        boolean ok, boolean expired, @Nullable String message, @Nullable Long issuedBy, Instant finishedAt) {
}
