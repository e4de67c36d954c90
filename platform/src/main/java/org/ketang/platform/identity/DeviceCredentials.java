package org.ketang.platform.identity;

import java.util.Optional;

/**
 * Accounts of classroom devices (recorder agents, displays). A device signs in with a bearer token only: its
 * account has the {@link BuiltInRole#DEVICE} role, no usable password, and a token that does not expire but dies
 * when the device is retired. The devices module owns which classroom a device belongs to.
 */
public interface DeviceCredentials {

    /**
     * Creates the account of a new device and its token.
     *
     * @param username    a unique login name, e.g. {@code device-12}
     * @param displayName e.g. "录播教室1 录播主机"
     * @param schoolId    the school of the device's classroom
     */
    Issued create(String username, String displayName, long schoolId);

    /**
     * The device a bearer token signs in, for a token that arrives outside the {@code Authorization} header (a media
     * server passes a publisher's {@code ?token=} to the platform's hook). Empty for unknown, expired or revoked
     * tokens and for tokens of people: only DEVICE_AGENT actors come back.
     */
    Optional<Actor> actorOf(String token);

    /** Disables the device's account and revokes its tokens; its history stays. */
    void retire(long accountId);

    /** A new device account and the token to hand to the device, once. */
    record Issued(long accountId, String token) {
    }
}
