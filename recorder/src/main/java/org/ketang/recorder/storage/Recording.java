package org.ketang.recorder.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.RecordingReport;
import org.ketang.agent.protocol.RecordingReport.Phase;
import org.ketang.agent.protocol.RecordingStatus;

/**
 * One recording in the library, as kept in its sidecar {@code recording.json} next to the files. Transitions
 * return a new value; the library stores it.
 *
 * @param id              the agent's id, e.g. {@code r-20261124T080000Z}
 * @param phase           where it is (the protocol's phases)
 * @param startedAt       when recording started
 * @param endedAt         when it ended (for a recovered recording: start + what survived)
 * @param plannedEnd      when it is planned to stop (schedule, START_RECORDING minutes, EXTEND_RECORDING), or null
 * @param title           a title, if one was given
 * @param scheduleUid     the schedule entry that started it, or null (one-click)
 * @param file            the finished program file's name in the recording's folder, or null while recording
 * @param parts           part files written so far (a new part starts when the encoder had to restart)
 * @param resourceFiles   资源模式 files (one per source), if any
 * @param bytes           size of the finished file
 * @param sha256          hex SHA-256 of the finished file
 * @param durationSeconds playable length of the finished file
 * @param uploadUrl       the tus upload URL, once created
 * @param confirmed       the platform said it holds the file with the same SHA-256 (only then may it be evicted)
 * @param lessonId        the library lesson made from it, when the platform said so
 * @param encoderPid      the ffmpeg that writes it, while recording (to end an orphan after a crash)
 * @param reportedPhase   the last phase the platform acknowledged
 * @param message         details for people (why it failed, what was recovered)
 * @param live            whether live was requested with it (a schedule entry or LIVE_ON)
 * @param recovered       it was rebuilt after the agent died while recording
 * @param cuts            the director's layout changes, for editing later
 */
public record Recording(String id, Phase phase, Instant startedAt, @Nullable Instant endedAt,
        @Nullable Instant plannedEnd, @Nullable String title, @Nullable String scheduleUid, @Nullable String file,
        List<String> parts, List<String> resourceFiles, long bytes, @Nullable String sha256,
        @Nullable Double durationSeconds, @Nullable String uploadUrl, boolean confirmed, @Nullable Long lessonId,
        @Nullable Long encoderPid, @Nullable Phase reportedPhase, @Nullable String message, boolean live,
        boolean recovered, List<Cut> cuts) {

    /**
     * A layout change of the program.
     *
     * @param atMillis milliseconds after the start
     * @param main     the source full screen
     * @param pips     the sources in PiP windows
     */
    public record Cut(long atMillis, String main, List<String> pips) {
    }

    public Recording {
        parts = List.copyOf(parts == null ? List.of() : parts);
        resourceFiles = List.copyOf(resourceFiles == null ? List.of() : resourceFiles);
        cuts = List.copyOf(cuts == null ? List.of() : cuts);
    }

    /** A new recording that has just started. */
    public static Recording started(String id, Instant startedAt, @Nullable Instant plannedEnd, @Nullable String title,
            @Nullable String scheduleUid, boolean live) {
        return new Recording(id, Phase.RECORDING, startedAt, null, plannedEnd, title, scheduleUid, null, List.of(),
                List.of(), 0, null, null, null, false, null, null, null, null, live, false, List.of());
    }

    /** Whether it is still being recorded (or was, when the agent died). */
    public boolean recording() {
        return phase == Phase.RECORDING;
    }

    /** Whether it waits for its upload to start or finish. */
    public boolean awaitingUpload() {
        return phase == Phase.FINISHED || phase == Phase.RECOVERED || phase == Phase.UPLOADING;
    }

    /** Whether the platform confirmed it and the local copy may go when space is needed. */
    public boolean evictable() {
        return phase == Phase.UPLOADED && confirmed;
    }

    /** With one more part file. */
    public Recording withPart(String part, @Nullable Long pid) {
        List<String> all = new ArrayList<>(parts);
        all.add(part);
        return copy(phase, endedAt, plannedEnd, file, all, bytes, sha256, durationSeconds, uploadUrl, confirmed, lessonId,
                pid, reportedPhase, message, cuts);
    }

    /** With resource-mode files. */
    public Recording withResourceFiles(List<String> files) {
        return new Recording(id, phase, startedAt, endedAt, plannedEnd, title, scheduleUid, file, parts, files, bytes,
                sha256, durationSeconds, uploadUrl, confirmed, lessonId, encoderPid, reportedPhase, message, live,
                recovered, cuts);
    }

    /** With a new planned end. */
    public Recording withPlannedEnd(@Nullable Instant end) {
        return copy(phase, endedAt, end, file, parts, bytes, sha256, durationSeconds, uploadUrl, confirmed, lessonId,
                encoderPid, reportedPhase, message, cuts);
    }

    /** With one more layout change. */
    public Recording withCut(Cut cut) {
        List<Cut> all = new ArrayList<>(cuts);
        all.add(cut);
        return copy(phase, endedAt, plannedEnd, file, parts, bytes, sha256, durationSeconds, uploadUrl, confirmed,
                lessonId, encoderPid, reportedPhase, message, all);
    }

    /** Stopped at {@code ended} (the files are being finished); a crash now is not a crash of the recording. */
    public Recording stopping(Instant ended, @Nullable String why) {
        return copy(phase, ended, plannedEnd, file, parts, bytes, sha256, durationSeconds, uploadUrl, confirmed,
                lessonId, null, reportedPhase, why, cuts);
    }

    /**
     * Finished: the program file is complete. {@code recovered} marks a recording rebuilt after the agent was killed.
     */
    public Recording finished(Instant ended, String fileName, long size, String sha, double duration,
            boolean afterCrash, @Nullable String note) {
        return new Recording(id, afterCrash ? Phase.RECOVERED : Phase.FINISHED, startedAt, ended, plannedEnd, title,
                scheduleUid, fileName, parts, resourceFiles, size, sha, duration, uploadUrl, false, lessonId, null,
                reportedPhase, note, live, afterCrash, cuts);
    }

    /** Failed for good (nothing playable was recorded). */
    public Recording failed(Instant ended, String why) {
        return copy(Phase.FAILED, ended, plannedEnd, file, parts, bytes, sha256, durationSeconds, uploadUrl, false,
                lessonId, null, reportedPhase, why, cuts);
    }

    /** The tus upload was created at {@code url}. */
    public Recording uploading(String url) {
        return copy(Phase.UPLOADING, endedAt, plannedEnd, file, parts, bytes, sha256, durationSeconds, url, false,
                lessonId, encoderPid, reportedPhase, message, cuts);
    }

    /** The upload URL was forgotten (the server lost or refused it); the next attempt creates a new one. */
    public Recording withoutUploadUrl() {
        return copy(phase == Phase.UPLOADING ? Phase.FINISHED : phase, endedAt, plannedEnd, file, parts, bytes,
                sha256, durationSeconds, null, false, lessonId, encoderPid, reportedPhase, message, cuts);
    }

    /** Every byte went up and the platform accepted the last one. */
    public Recording uploaded() {
        return copy(Phase.UPLOADED, endedAt, plannedEnd, file, parts, bytes, sha256, durationSeconds, uploadUrl,
                confirmed, lessonId, encoderPid, reportedPhase, message, cuts);
    }

    /**
     * What the platform says it holds: confirmed only when the platform confirmed and its SHA-256 equals ours.
     */
    public Recording withStatus(RecordingStatus status) {
        boolean same = status.confirmed() && sha256 != null && sha256.equalsIgnoreCase(status.sha256());
        return copy(phase, endedAt, plannedEnd, file, parts, bytes, sha256, durationSeconds, uploadUrl, same,
                status.lessonId(), encoderPid, reportedPhase, message, cuts);
    }

    /** The platform acknowledged {@code reported}. */
    public Recording reported(Phase reported) {
        return copy(phase, endedAt, plannedEnd, file, parts, bytes, sha256, durationSeconds, uploadUrl, confirmed,
                lessonId, encoderPid, reported, message, cuts);
    }

    /**
     * The phases the platform has not heard yet, in order, up to the current one — so that a recording that was
     * recovered and uploaded while the platform was away still reports RECOVERED before UPLOADED.
     */
    public List<Phase> unreportedPhases() {
        List<Phase> path = new ArrayList<>(List.of(Phase.RECORDING));
        if (phase == Phase.FAILED) {
            path.add(Phase.FAILED);
        } else if (phase != Phase.RECORDING) {
            path.add(recovered ? Phase.RECOVERED : Phase.FINISHED);
            if (phase == Phase.UPLOADING || phase == Phase.UPLOADED) {
                path.add(Phase.UPLOADING);
            }
            if (phase == Phase.UPLOADED) {
                path.add(Phase.UPLOADED);
            }
        }
        int heard = reportedPhase == null ? -1 : path.indexOf(reportedPhase);
        return List.copyOf(path.subList(heard + 1, path.size()));
    }

    /** The report of the current state. */
    public RecordingReport report() {
        return report(phase);
    }

    /** The report of the current state, told as {@code as} (for a phase the platform missed). */
    public RecordingReport report(Phase as) {
        return new RecordingReport(id, as, startedAt, as == Phase.RECORDING ? null : endedAt, bytes, sha256,
                as == Phase.UPLOADING || as == Phase.UPLOADED ? uploadUrl : null, scheduleUid, message);
    }

    private Recording copy(Phase newPhase, @Nullable Instant newEnded, @Nullable Instant newPlannedEnd,
            @Nullable String newFile, List<String> newParts, long newBytes, @Nullable String newSha,
            @Nullable Double newDuration, @Nullable String newUploadUrl, boolean newConfirmed, @Nullable Long newLesson,
            @Nullable Long newPid, @Nullable Phase newReported, @Nullable String newMessage, List<Cut> newCuts) {
        return new Recording(id, newPhase, startedAt, newEnded, newPlannedEnd, title, scheduleUid, newFile, newParts,
                resourceFiles, newBytes, newSha, newDuration, newUploadUrl, newConfirmed, newLesson, newPid,
                newReported, newMessage, live, recovered, newCuts);
    }
}
