package org.ketang.agent.protocol;

import java.time.Instant;
import java.util.Map;

/**
 * A command for an agent. The agent runs each id at most once (it remembers the ids it ran) and acknowledges
 * it with a {@link CommandResult}, either at once on {@link AgentApi#COMMAND_RESULT} or on the next heartbeat.
 *
 * @param id        unique id
 * @param type      what to do
 * @param args      arguments (see {@link CommandType})
 * @param issuedAt  when it was issued
 * @param expiresAt after this the agent ignores it and reports it expired
 */
public record Command(String id, CommandType type, Map<String, String> args, Instant issuedAt, Instant expiresAt) {

    public Command {
        args = Map.copyOf(args);
    }
}
