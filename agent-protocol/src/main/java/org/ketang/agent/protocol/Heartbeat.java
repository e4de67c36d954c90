package org.ketang.agent.protocol;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Sent every {@link Enrollment#heartbeatSeconds()} seconds.
 *
 * @param sentAt          the agent's clock when sending (the platform logs a large skew)
 * @param state           what the agent is doing
 * @param recordingId     the running recording, or null
 * @param recordingSince  when it started, or null
 * @param live            whether live push is on
 * @param sources         health of each configured input
 * @param health          machine health
 * @param agentVersion    software version
 * @param configVersion   version of the config profile the agent runs, or null before any was applied
 * @param thumbnailJpeg   a small current program picture (≤ 320 px wide) as base64 JPEG, or null
 * @param audioLevelDb    current audio level in dBFS (e.g. -23.5), or null
 * @param results         results of commands finished since the last heartbeat that were not yet acknowledged
 * @param alerts          things that happened since the last heartbeat
 * @param mac             MAC address (may change when the box is replaced)
 * @param ip              current IPv4 address
 * @param netmask         prefix length of that address
 */
public record Heartbeat(Instant sentAt, AgentState state, @Nullable String recordingId, @Nullable Instant recordingSince,
        boolean live, List<SourceHealth> sources, Health health, String agentVersion, @Nullable String configVersion,
        @Nullable String thumbnailJpeg, @Nullable Double audioLevelDb, List<CommandResult> results,
        List<AgentAlert> alerts, @Nullable String mac, @Nullable String ip, @Nullable Integer netmask) {

    public Heartbeat {
        sources = List.copyOf(sources);
        results = List.copyOf(results);
        alerts = List.copyOf(alerts);
    }
}
