package org.ketang.agent.protocol;

import java.time.Instant;

/**
 * Something the agent wants people to know about, sent with the next heartbeat (and kept until one got through).
 *
 * @param kind    what happened
 * @param message details for people
 * @param at      when it happened
 */
public record AgentAlert(Kind kind, String message, Instant at) {

    /** Kinds of alerts. */
    public enum Kind {
        /** The agent restarted after it was killed while recording; the message names the recovered recording. */
        CRASH_RECOVERED,
        /** Free disk space is below the configured reserve. */
        DISK_LOW,
        /** A source stopped delivering. */
        SOURCE_LOST,
        /** A recording could not start or broke off. */
        RECORDING_FAILED,
        /** An upload keeps failing. */
        UPLOAD_FAILED
    }
}
