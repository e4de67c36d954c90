package org.ketang.agent.protocol;

/** What a classroom agent is doing, as reported on each heartbeat. Live while recording reports {@link #LIVE}. */
public enum AgentState {
    IDLE,
    CAPTURING,
    UPLOADING,
    LIVE,
    ERROR;

    /** Whether a state means the agent is busy with a lesson and must not be disturbed by maintenance. */
    public boolean isBusy() {
        return this == CAPTURING || this == LIVE;
    }
}
