package org.ketang.agent.protocol;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The state of one local recording, reported whenever it changes.
 *
 * @param recordingId the agent's id for the recording (unique per device, e.g. {@code r-20261124T080000Z})
 * @param phase       where it is
 * @param startedAt   when recording started
 * @param endedAt     when it ended, or null while recording
 * @param bytes       size so far
 * @param sha256      hex SHA-256 of the finished file, or null while recording
 * @param uploadUrl   the tus upload URL once an upload was created, or null
 * @param scheduleUid the schedule entry (iCalendar UID) that started it, or null for one-click recordings
 * @param message     details for people (e.g. why it failed)
 */
public record RecordingReport(String recordingId, Phase phase, Instant startedAt, @Nullable Instant endedAt, long bytes,
        @Nullable String sha256, @Nullable String uploadUrl, @Nullable String scheduleUid, @Nullable String message) {

    /** Life of a recording on the agent. */
    public enum Phase {
        RECORDING,
        FINISHED,
        UPLOADING,
        UPLOADED,
        /** The agent was killed while recording; the file was recovered up to the last fragment. */
        RECOVERED,
        FAILED
    }
}
