package org.ketang.platform.live.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.ketang.agent.protocol.AgentApi;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.Devices;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.live.internal.Broadcasts;
import org.ketang.platform.live.internal.ChannelFiles;
import org.ketang.platform.live.internal.LiveSessions.Via;
import org.ketang.platform.live.internal.LiveSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a recorder pushes its live HLS ({@link AgentApi#LIVE}): ffmpeg's HLS muxer PUTs each segment and the playlist
 * (chunked bodies) and may DELETE old segments. Only an enrolled recorder may, and only into its own classroom's
 * channel, which its credentials name.
 */
@RestController
@Tag(name = "agent", description = "设备接口 / device (agent) protocol")
class LiveIngestController {

    private final Devices devices;
    private final ChannelFiles files;
    private final Broadcasts broadcasts;
    private final LiveSettings settings;
    private final Clock clock = Clock.systemUTC();

    LiveIngestController(Devices devices, ChannelFiles files, Broadcasts broadcasts, LiveSettings settings) {
        this.devices = devices;
        this.files = files;
        this.broadcasts = broadcasts;
        this.settings = settings;
    }

    @PutMapping(AgentApi.LIVE)
    ResponseEntity<Void> put(Actor actor, @PathVariable String file, HttpServletRequest request) throws IOException {
        Device recorder = recorder(actor);
        validate(file);
        if (request.getContentLengthLong() > files.maxBytes()) {
            throw tooLarge();
        }
        // the database keeps microseconds at most: the same instant goes to the files and the session
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            files.write(recorder.classroomId(), file, request.getInputStream(), now);
        } catch (ChannelFiles.TooLarge e) {
            throw tooLarge();
        }
        if (ChannelFiles.isPlaylist(file)) {
            broadcasts.heard(recorder, Via.PLATFORM, now);
            files.prune(recorder.classroomId(), now, settings.pruneGrace());
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping(AgentApi.LIVE)
    ResponseEntity<Void> delete(Actor actor, @PathVariable String file) throws IOException {
        Device recorder = recorder(actor);
        validate(file);
        files.delete(recorder.classroomId(), file);
        return ResponseEntity.noContent().build();
    }

    /** The recorder making the request; people and displays may not push live video. */
    private Device recorder(Actor actor) {
        return devices.of(actor).filter(d -> d.kind() == DeviceKind.RECORDER).orElseThrow(ApiProblem::forbidden);
    }

    private static void validate(String file) {
        if (!ChannelFiles.validName(file)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "live-file-name",
                    "直播文件名无效：只允许字母、数字、_ . -，扩展名为 m3u8、ts、m4s 或 mp4",
                    "Invalid live file name: letters, digits, _ . - only, with the extension m3u8, ts, m4s or mp4");
        }
    }

    private ApiProblem tooLarge() {
        long mb = files.maxBytes() / (1024 * 1024);
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "live-file-too-large", "直播文件超过 " + mb + " MB 上限",
                "The live file is larger than the " + mb + " MB limit");
    }
}
