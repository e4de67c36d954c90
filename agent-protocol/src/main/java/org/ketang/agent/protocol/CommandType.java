package org.ketang.agent.protocol;

/** What the platform can ask an agent to do. Arguments go in {@link Command#args()}. */
public enum CommandType {
    /** Start recording now. Args: {@code title} (optional), {@code minutes} (optional planned length). */
    START_RECORDING,
    /** Stop the running recording (it then uploads as usual). */
    STOP_RECORDING,
    /** Move the planned end of the running recording. Args: {@code minutes} to add. */
    EXTEND_RECORDING,
    /** Start pushing live HLS (starts recording too when idle). */
    LIVE_ON,
    /** Stop pushing live (recording goes on). */
    LIVE_OFF,
    /** Apply a configuration profile. Args: {@code version} and {@code config} (a JSON object as text). */
    APPLY_CONFIG,
    /** Reboot the box (OS command is configured on the agent). */
    REBOOT,
    /** Shut the box down (OS command is configured on the agent). */
    SHUTDOWN,
    /** Send a Wake-on-LAN magic packet on this agent's subnet. Args: {@code mac}, {@code broadcast} (optional). */
    WAKE_ON_LAN,
    /** Copy recordings to a mounted removable drive. Args: {@code recordingIds} (comma-separated), {@code target}. */
    USB_EXPORT
}
