package org.ketang.agent.protocol;

/**
 * Paths of the recorder/display ⇄ platform contract. The agent always dials in; the platform never
 * connects to an agent. Bump {@link #VERSION} (and add a new path prefix) for incompatible changes.
 */
public final class AgentApi {

    /** Contract version carried in every path. */
    public static final String VERSION = "v1";

    /** Root of every agent path. */
    public static final String ROOT = "/api/agent/" + VERSION;

    /** Exchange a one-time enrollment code for device credentials. */
    public static final String ENROLL = ROOT + "/enroll";

    /** Periodic state and health report; answers with pending commands. */
    public static final String HEARTBEAT = ROOT + "/heartbeat";

    /** The device's recording schedule as iCalendar, with ETag. */
    public static final String SCHEDULE = ROOT + "/schedule.ics";

    private AgentApi() {
    }
}
