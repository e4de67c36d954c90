package org.ketang.platform.devices.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.HeartbeatReply;
import org.ketang.agent.protocol.ScheduleCalendar;
import org.ketang.agent.protocol.ScheduleEntry;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.http.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One heartbeat, in one transaction: the results of finished commands, the status and (thinned) health history,
 * the thumbnail, the alerts, the device's reported addresses — then the answer: the commands still open, how often to
 * beat, and the schedule's ETag. A thumbnail that is not a JPEG of at most 200 KB is dropped, never failing the beat.
 */
@Service
@Transactional
public class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    /** The ETag of an empty schedule, for devices that record nothing (displays). */
    private static final String NO_SCHEDULE = "\"none\"";

    private final StatusBoard board;
    private final Thumbnails thumbnails;
    private final Alerts alerts;
    private final Commands commands;
    private final Schedules schedules;
    private final DeviceRegistry registry;
    private final DeviceSettings settings;
    private final Clock clock = Clock.systemUTC();

    Heartbeats(StatusBoard board, Thumbnails thumbnails, Alerts alerts, Commands commands, Schedules schedules,
            DeviceRegistry registry, DeviceSettings settings) {
        this.board = board;
        this.thumbnails = thumbnails;
        this.alerts = alerts;
        this.commands = commands;
        this.schedules = schedules;
        this.registry = registry;
        this.settings = settings;
    }

    public HeartbeatReply receive(Device device, Heartbeat beat) {
        if (beat.state() == null || beat.health() == null || beat.sentAt() == null) {
            throw ApiProblem.invalid("心跳缺少 state、health 或 sentAt", "A heartbeat needs state, health and sentAt");
        }
        Instant now = clock.instant();
        for (CommandResult result : beat.results()) {
            if (result.commandId() != null && !commands.finish(device, result)) {
                log.debug("Device {} acknowledged unknown command {}", device.id(), result.commandId());
            }
        }
        board.save(device.id(), beat, now, settings.healthSampleEvery());
        Optional<byte[]> picture = Thumbnail.decode(beat.thumbnailJpeg());
        if (picture.isPresent()) {
            thumbnails.store(device.id(), picture.get(), now);
        } else if (beat.thumbnailJpeg() != null && !beat.thumbnailJpeg().isBlank()) {
            log.info("Device {} sent a thumbnail that is not a JPEG of at most {} bytes; dropped", device.id(),
                    Thumbnail.MAX_BYTES);
        }
        alerts.fromAgent(device, beat.alerts(), now);
        registry.reported(device, beat.agentVersion(), beat.mac(), beat.ip(), beat.netmask());
        List<Command> open = commands.deliver(device.id());
        return new HeartbeatReply(now, open, settings.heartbeatSeconds(), scheduleEtag(device));
    }

    /** The ETag of the device's schedule (what {@link #schedule} serves). */
    public String scheduleEtag(Device device) {
        return device.kind() == DeviceKind.RECORDER ? schedules.etag(device.classroomId()) : NO_SCHEDULE;
    }

    /** The device's schedule, computed afresh: its classroom's for a recorder, empty for other devices. */
    @Transactional(readOnly = true)
    public Schedules.Calendar schedule(Device device) {
        if (device.kind() == DeviceKind.RECORDER) {
            return schedules.calendar(device.classroomId());
        }
        List<ScheduleEntry> none = List.of();
        return new Schedules.Calendar(ScheduleCalendar.write(none, Instant.EPOCH), NO_SCHEDULE, none);
    }
}
