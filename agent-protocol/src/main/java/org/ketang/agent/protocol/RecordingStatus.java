package org.ketang.agent.protocol;

import org.jspecify.annotations.Nullable;

/**
 * What the platform holds of a recording. The agent may delete its local copy only when {@link #confirmed()} is
 * true and {@link #sha256()} equals the SHA-256 of the local file.
 *
 * @param recordingId the agent's id
 * @param confirmed   whether the platform received the whole file and verified its checksum
 * @param sha256      hex SHA-256 of what the platform received, or null
 * @param lessonId    the library lesson made from it, or null (not yet)
 */
public record RecordingStatus(String recordingId, boolean confirmed, @Nullable String sha256, @Nullable Long lessonId) {
}
