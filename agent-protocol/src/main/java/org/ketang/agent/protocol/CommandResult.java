package org.ketang.agent.protocol;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How a command ended on the agent.
 *
 * @param commandId  the {@link Command#id()}
 * @param ok         whether it succeeded
 * @param message    what happened, for people (e.g. "recording r-20261124-0800 started", "no drive mounted")
 * @param finishedAt when it finished
 */
public record CommandResult(String commandId, boolean ok, @Nullable String message, Instant finishedAt) {
}
