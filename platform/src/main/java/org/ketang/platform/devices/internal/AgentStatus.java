package org.ketang.platform.devices.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentState;
import org.ketang.agent.protocol.Health;
import org.ketang.agent.protocol.SourceHealth;

/**
 * What a device said in its latest heartbeat, and when that was.
 *
 * @param clockSkewMs the agent's clock minus the platform's when the heartbeat arrived (positive: agent ahead)
 */
public record AgentStatus(long deviceId, AgentState state, @Nullable String recordingId,
        @Nullable Instant recordingSince, boolean live, List<SourceHealth> sources, Health health,
        @Nullable String agentVersion, @Nullable String configVersion, @Nullable Double audioLevelDb, long clockSkewMs,
        Instant lastSeenAt) {

    public AgentStatus {
        sources = List.copyOf(sources);
    }

    /** Online while the last heartbeat is younger than {@code offlineAfter} (computed on read, never stored). */
    public boolean online(Instant now, Duration offlineAfter) {
        return lastSeenAt.isAfter(now.minus(offlineAfter));
    }
}
