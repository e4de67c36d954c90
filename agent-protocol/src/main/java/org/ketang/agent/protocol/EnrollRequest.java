package org.ketang.agent.protocol;

import org.jspecify.annotations.Nullable;

/**
 * First call of a new agent: the one-time code an admin got when adding the classroom, and what the agent is.
 *
 * @param code         the enrollment code, e.g. {@code 7KQ4-M2XP} (case and dashes are ignored)
 * @param kind         {@code recorder} or {@code display}
 * @param hostname     the box's host name
 * @param model        hardware model, if known
 * @param agentVersion the agent software version
 * @param mac          MAC address of the interface that reaches the platform ({@code aa:bb:cc:dd:ee:ff}), for Wake-on-LAN
 * @param ip           IPv4 address of that interface
 * @param netmask      its prefix length (e.g. 24), so the platform can compute the subnet broadcast address
 */
public record EnrollRequest(String code, String kind, String hostname, @Nullable String model, String agentVersion,
        @Nullable String mac, @Nullable String ip, @Nullable Integer netmask) {
}
