package org.ketang.agent.protocol;

/** Keys of the tus {@code Upload-Metadata} of a recording upload (see {@link AgentApi#UPLOADS}). */
public final class UploadMetadata {

    public static final String PURPOSE = "purpose";
    public static final String RECORDING_ID = "recordingId";
    public static final String STARTED_AT = "startedAt";
    public static final String ENDED_AT = "endedAt";
    public static final String FILENAME = "filename";
    public static final String SHA256 = "sha256";
    /** Optional: the schedule entry (iCalendar UID) that started the recording. */
    public static final String SCHEDULE_UID = "scheduleUid";

    private UploadMetadata() {
    }
}
