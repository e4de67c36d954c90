package org.ketang.agent.protocol;

/**
 * Paths of the recorder/display ⇄ platform contract. The agent always dials in; the platform never
 * connects to an agent. Every call after {@link #ENROLL} carries {@code Authorization: Bearer <token>} with the
 * token from {@link Enrollment#token()}. Bodies are JSON (the records of this package; instants as ISO-8601
 * strings), errors are RFC 9457 problem details. Bump {@link #VERSION} (and add a new path prefix) for
 * incompatible changes; adding a field to a record is compatible (readers ignore unknown fields).
 */
public final class AgentApi {

    /** Contract version carried in every path. */
    public static final String VERSION = "v1";

    /** Root of every agent path. */
    public static final String ROOT = "/api/agent/" + VERSION;

    /** {@code POST} {@link EnrollRequest} → {@link Enrollment}: exchange a one-time enrollment code for credentials. */
    public static final String ENROLL = ROOT + "/enroll";

    /** {@code POST} {@link Heartbeat} → {@link HeartbeatReply}: state and health; answers with pending commands. */
    public static final String HEARTBEAT = ROOT + "/heartbeat";

    /**
     * {@code GET ?waitSeconds=25} → JSON array of {@link Command}: long-poll for commands between heartbeats. Answers
     * as soon as a command is pending, or an empty array after the wait.
     */
    public static final String COMMANDS = ROOT + "/commands";

    /** {@code POST} {@link CommandResult} to {@code /commands/{id}/result}: acknowledge one command at once. */
    public static final String COMMAND_RESULT = ROOT + "/commands/{id}/result";

    /**
     * {@code GET} the device's recording schedule as iCalendar ({@link ScheduleCalendar}), with {@code ETag}; send
     * {@code If-None-Match} to get 304 when nothing changed.
     */
    public static final String SCHEDULE = ROOT + "/schedule.ics";

    /**
     * {@code PUT} {@link RecordingReport} to {@code /recordings/{recordingId}}: the state of one local recording
     * (started, finished, uploaded, crashed, ...) → {@link RecordingStatus}. {@code GET} the same path →
     * {@link RecordingStatus}: whether the platform holds the recording (the agent may evict it only then).
     */
    public static final String RECORDING = ROOT + "/recordings/{recordingId}";

    /**
     * {@code PUT} (chunked body allowed) and {@code DELETE} of live HLS files: {@code /live/{file}}, e.g.
     * {@code /live/index.m3u8}, {@code /live/seg00042.m4s}, {@code /live/init.mp4}. The platform knows the
     * classroom from the credentials. ffmpeg's HLS muxer writes here with {@code -method PUT}.
     */
    public static final String LIVE = ROOT + "/live/{file}";

    /**
     * Recordings go up by tus 1.0 to the platform's ordinary upload endpoint with the device's bearer token and
     * {@code Upload-Metadata} keys {@link #UPLOAD_PURPOSE}, {@code recordingId}, {@code startedAt}, {@code endedAt}
     * (ISO-8601 instants), {@code filename} and {@code sha256} (hex) — see {@link UploadMetadata}.
     */
    public static final String UPLOADS = "/api/v1/uploads";

    /** The {@code purpose} metadata value of a recording upload. */
    public static final String UPLOAD_PURPOSE = "recording";

    /** Path with its single {@code {name}} placeholder replaced by {@code value} (already URL-safe). */
    public static String expand(String path, String value) {
        int open = path.indexOf('{');
        int close = path.indexOf('}', open);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException("No placeholder in " + path);
        }
        return path.substring(0, open) + value + path.substring(close + 1);
    }

    private AgentApi() {
    }
}
