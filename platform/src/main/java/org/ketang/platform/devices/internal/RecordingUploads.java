package org.ketang.platform.devices.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.UploadMetadata;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.ingest.UploadCompleted;
import org.ketang.platform.library.LessonIntake;
import org.ketang.platform.library.RecordingFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A recorder's upload arrived whole: the recording is confirmed (the agent may now free its disk) and becomes a
 * library lesson, classified from the timetable of the recorder's classroom when it was recorded. An upload that is
 * not from an in-service recorder, or lacks its recording id, is ignored (logged) and left to expire in ingest.
 * Idempotent, so an event delivered again after a crash changes nothing twice.
 */
@Component
class RecordingUploads {

    private static final Logger log = LoggerFactory.getLogger(RecordingUploads.class);

    private final DeviceRegistry registry;
    private final Recordings recordings;
    private final LessonIntake intake;

    RecordingUploads(DeviceRegistry registry, Recordings recordings, LessonIntake intake) {
        this.registry = registry;
        this.recordings = recordings;
        this.intake = intake;
    }

    @ApplicationModuleListener
    void on(UploadCompleted upload) {
        if (!AgentApi.UPLOAD_PURPOSE.equals(upload.purpose())) {
            return;
        }
        Optional<Device> recorder = registry.byAccount(upload.ownerUserId()).filter(d -> d.kind() == DeviceKind.RECORDER);
        if (recorder.isEmpty()) {
            log.warn("Recording upload {} is not from an in-service recorder (account {}): ignored", upload.uploadId(),
                    upload.ownerUserId());
            return;
        }
        Device device = recorder.get();
        Map<String, String> meta = upload.metadata();
        String recordingId = Rows.clip(meta.get(UploadMetadata.RECORDING_ID), 100);
        if (recordingId == null) {
            log.warn("Recording upload {} from device {} has no recordingId: ignored", upload.uploadId(), device.id());
            return;
        }
        Optional<Recordings.Recording> confirmed = recordings.confirm(device, recordingId,
                instant(meta.get(UploadMetadata.STARTED_AT)), instant(meta.get(UploadMetadata.ENDED_AT)), upload.size(),
                upload.sha256(), upload.uploadId(), Instant.now());
        if (confirmed.isEmpty()) {
            log.warn("Recording upload {} from device {}: recording {} was never reported and has no startedAt: ignored",
                    upload.uploadId(), device.id(), recordingId);
            return;
        }
        Recordings.Recording recording = confirmed.get();
        long lesson = intake.fromRecordedUpload(new RecordingFacts(device.id(), device.classroomId(),
                recording.startedAt(), recording.endedAt()), upload.uploadId());
        recordings.lessonMade(device.id(), recordingId, lesson);
        log.info("Recording {} of device {} arrived whole (upload {}); lesson {}", recordingId, device.id(),
                upload.uploadId(), lesson);
    }

    private static @Nullable Instant instant(@Nullable String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
