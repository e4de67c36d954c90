package org.ketang.platform.devices.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.ketang.agent.protocol.AgentApi;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.Heartbeat;
import org.ketang.agent.protocol.HeartbeatReply;
import org.ketang.agent.protocol.RecordingReport;
import org.ketang.agent.protocol.RecordingStatus;
import org.ketang.agent.protocol.ScheduleCalendar;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.Devices;
import org.ketang.platform.devices.internal.CommandWaiters;
import org.ketang.platform.devices.internal.Commands;
import org.ketang.platform.devices.internal.DeviceSettings;
import org.ketang.platform.devices.internal.Heartbeats;
import org.ketang.platform.devices.internal.Recordings;
import org.ketang.platform.devices.internal.Schedules;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.DeferredResult;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The agent side of the devices protocol ({@link AgentApi}): heartbeat, commands (long-poll and results), schedule
 * and recording reports. Only a device's own token gets in (403 for people; 401 for a retired device, whose token is
 * revoked); a device only ever sees and touches its own things.
 */
@RestController
@Tag(name = "agent", description = "设备接口 / device (agent) protocol")
class AgentController {

    private static final Pattern RECORDING_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final MediaType CALENDAR = MediaType.parseMediaType(ScheduleCalendar.MEDIA_TYPE);

    private final Devices devices;
    private final Heartbeats heartbeats;
    private final Commands commands;
    private final CommandWaiters waiters;
    private final Recordings recordings;
    private final DeviceSettings settings;

    AgentController(Devices devices, Heartbeats heartbeats, Commands commands, CommandWaiters waiters,
            Recordings recordings, DeviceSettings settings) {
        this.devices = devices;
        this.heartbeats = heartbeats;
        this.commands = commands;
        this.waiters = waiters;
        this.recordings = recordings;
        this.settings = settings;
    }

    @PostMapping(AgentApi.HEARTBEAT)
    HeartbeatReply heartbeat(Actor actor, @RequestBody Heartbeat beat) {
        return heartbeats.receive(device(actor), beat);
    }

    /** Long-poll: answers at once with open commands, else when one is issued, else {@code []} after the wait. */
    @GetMapping(AgentApi.COMMANDS)
    DeferredResult<List<Command>> commands(Actor actor, @RequestParam(defaultValue = "25") int waitSeconds) {
        Device device = device(actor);
        int wait = Math.max(0, Math.min(waitSeconds, settings.maxWaitSeconds()));
        return waiters.await(device.id(), Duration.ofSeconds(wait), () -> commands.deliver(device.id()));
    }

    @PostMapping(AgentApi.COMMAND_RESULT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void result(Actor actor, @PathVariable String id, @RequestBody CommandResult result) {
        Device device = device(actor);
        if (result.commandId() != null && !result.commandId().equals(id)) {
            throw ApiProblem.invalid("路径中的命令与请求体中的 commandId 不一致",
                    "The command in the path differs from the body's commandId");
        }
        CommandResult named = new CommandResult(id, result.ok(), result.message(), result.finishedAt());
        if (id.length() > 36 || !commands.finish(device, named)) {
            throw ApiProblem.notFound("命令", "Command");
        }
    }

    /** The schedule as iCalendar with a strong ETag; 304 when {@code If-None-Match} names the current one. */
    @GetMapping(AgentApi.SCHEDULE)
    ResponseEntity<String> schedule(Actor actor, ServletWebRequest request) {
        Schedules.Calendar calendar = heartbeats.schedule(device(actor));
        if (request.checkNotModified(calendar.etag())) {
            return null;
        }
        return ResponseEntity.ok().eTag(calendar.etag()).cacheControl(CacheControl.noCache()).contentType(CALENDAR)
                .body(calendar.text());
    }

    @PutMapping(AgentApi.RECORDING)
    RecordingStatus report(Actor actor, @PathVariable String recordingId, @RequestBody RecordingReport report) {
        Device device = device(actor);
        checkId(recordingId);
        if (report.recordingId() != null && !report.recordingId().equals(recordingId)) {
            throw ApiProblem.invalid("路径中的录像与请求体中的 recordingId 不一致",
                    "The recording in the path differs from the body's recordingId");
        }
        if (report.phase() == null || report.startedAt() == null) {
            throw ApiProblem.invalid("录像报告需要 phase 和 startedAt", "A recording report needs phase and startedAt");
        }
        return recordings.report(device, new RecordingReport(recordingId, report.phase(), report.startedAt(),
                report.endedAt(), report.bytes(), report.sha256(), report.uploadUrl(), report.scheduleUid(),
                report.message()), Instant.now());
    }

    @GetMapping(AgentApi.RECORDING)
    RecordingStatus recording(Actor actor, @PathVariable String recordingId) {
        Device device = device(actor);
        checkId(recordingId);
        return recordings.status(device.id(), recordingId);
    }

    private Device device(Actor actor) {
        return devices.of(actor).orElseThrow(ApiProblem::forbidden);
    }

    private static void checkId(String recordingId) {
        if (!RECORDING_ID.matcher(recordingId).matches()) {
            throw ApiProblem.invalid("录像 id 只能包含字母、数字和 . _ : -（最多 100 个字符）",
                    "A recording id has letters, digits and . _ : - only (at most 100 characters)");
        }
    }
}
