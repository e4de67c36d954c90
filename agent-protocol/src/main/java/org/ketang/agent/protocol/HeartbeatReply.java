package org.ketang.agent.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The platform's answer to a heartbeat.
 *
 * @param serverTime       the platform's clock (the agent logs a skew over 2 s; schedules are in absolute time)
 * @param commands         commands to run, oldest first; each is acknowledged with a {@link CommandResult}
 * @param heartbeatSeconds how often to heartbeat from now on
 * @param scheduleEtag     the current schedule's ETag: fetch {@link AgentApi#SCHEDULE} when it differs from the
 *                         cached one
 */
public record HeartbeatReply(Instant serverTime, List<Command> commands, int heartbeatSeconds, String scheduleEtag) {

    public HeartbeatReply {
        commands = List.copyOf(commands);
    }
}
