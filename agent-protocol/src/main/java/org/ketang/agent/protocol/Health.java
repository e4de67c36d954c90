package org.ketang.agent.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Machine health on each heartbeat.
 *
 * @param cpuPercent      whole-machine CPU use, 0–100
 * @param memoryUsedBytes used memory
 * @param memoryTotalBytes total memory
 * @param diskFreeBytes   free bytes on the recording volume
 * @param diskTotalBytes  size of the recording volume
 * @param temperatureC    highest readable temperature, or null
 * @param uptimeSeconds   seconds since the agent started
 */
public record Health(double cpuPercent, long memoryUsedBytes, long memoryTotalBytes, long diskFreeBytes,
        long diskTotalBytes, @Nullable Double temperatureC, long uptimeSeconds) {
}
