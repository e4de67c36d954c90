package org.ketang.platform.signage.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.Devices;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.signage.internal.DisplayViews;
import org.ketang.platform.signage.internal.Pairings;
import org.ketang.platform.signage.internal.Screen;
import org.ketang.platform.signage.internal.Screens;
import org.ketang.platform.signage.internal.Signage;
import org.ketang.platform.signage.internal.SignageStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The API of the {@code /display} player page: pairing (before it has a token), then with its device token the
 * clock, its state, the event stream and its reports.
 */
@RestController
@RequestMapping(DisplayController.BASE)
@Tag(name = "signage-display", description = "教室显示屏播放端 / display player")
class DisplayController {

    static final String BASE = "/api/display/v1";
    /** How long one event stream stays open before the display reconnects (and so re-syncs its state). */
    static final long STREAM_MILLIS = 30 * 60 * 1000L;

    private final Pairings pairings;
    private final Devices devices;
    private final Signage signage;
    private final Screens screens;
    private final SignageStore store;

    DisplayController(Pairings pairings, Devices devices, Signage signage, Screens screens, SignageStore store) {
        this.pairings = pairings;
        this.devices = devices;
        this.signage = signage;
        this.screens = screens;
        this.store = store;
    }

    record Opened(String code, String secret, Instant expiresAt) {
    }

    /** A new display asks for a pairing code to show. No sign-in; a few per address and minute. */
    @PostMapping("/pairings")
    @ResponseStatus(HttpStatus.CREATED)
    Opened open(HttpServletRequest http) {
        Pairings.Pairing p = pairings.open(http.getRemoteAddr(), http.getHeader("User-Agent"))
                .orElseThrow(() -> new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-pairings",
                        "配对请求过于频繁，请稍后再试", "Too many pairing requests; try again in a minute"));
        return new Opened(p.code().substring(0, 4) + "-" + p.code().substring(4), p.secret(), p.expiresAt());
    }

    record Poll(@Nullable String secret) {
    }

    record PollAnswer(String status, @Nullable String token, @Nullable Long deviceId, @Nullable String classroomName,
            @Nullable String schoolName) {
    }

    /** The waiting display asks whether its code was confirmed; the token comes exactly once. */
    @PostMapping("/pairings/poll")
    PollAnswer poll(@RequestBody Poll poll) {
        if (poll.secret() == null) {
            throw ApiProblem.invalid("缺少 secret", "secret is required");
        }
        Pairings.Outcome outcome = pairings.poll(poll.secret());
        if (!outcome.known()) {
            throw new ApiProblem(HttpStatus.GONE, "pairing-expired", "配对码已过期，请重新获取",
                    "The pairing code expired; get a new one");
        }
        Pairings.Confirmed c = outcome.confirmed();
        return c == null ? new PollAnswer("waiting", null, null, null, null)
                : new PollAnswer("paired", c.token(), c.deviceId(), c.classroomName(), c.schoolName());
    }

    record ClockAnswer(long serverTimeMs) {
    }

    /** The server's clock; the display measures its offset from a few round trips. */
    @GetMapping("/clock")
    ClockAnswer clock() {
        return new ClockAnswer(System.currentTimeMillis());
    }

    @GetMapping("/state")
    DisplayViews.State state(Actor actor) {
        Device device = display(actor);
        screens.seen(device.id());
        return signage.state(device, signage.screenOf(device));
    }

    /** The event stream: {@code hello} with the whole state first, then {@code push}, {@code cancel}, {@code refresh}. */
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(Actor actor, HttpServletResponse response) {
        Device device = display(actor);
        Screen screen = signage.screenOf(device);
        SseEmitter emitter = new SseEmitter(STREAM_MILLIS);
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-store");
        screens.connect(new Screens.Connection(screen, device.accountId() == null ? 0 : device.accountId(), emitter),
                () -> signage.write(signage.state(device, screen)));
        return emitter;
    }

    record PlayReport(@Nullable Long contentId, long startedAtMs, @Nullable Long endedAtMs, @Nullable String outcome,
            @Nullable String detail) {
    }

    record NowPlayingReport(@Nullable Long contentId, @Nullable String title, @Nullable Long sinceMs) {
    }

    /**
     * Heartbeat, what plays now, proof of play and errors, in one report (sent every half minute and when the item
     * changes; queued by the page while offline).
     */
    record Report(@Nullable NowPlayingReport nowPlaying, @Nullable List<PlayReport> plays, @Nullable List<String> errors,
            @Nullable Long clockOffsetMs) {
    }

    @PostMapping("/reports")
    ResponseEntity<Map<String, Long>> report(Actor actor, @RequestBody Report report) {
        Device device = display(actor);
        List<PlayReport> plays = report.plays() == null ? List.of() : report.plays();
        if (plays.size() > 500) {
            throw ApiProblem.invalid("一次最多报告 500 条播放记录", "At most 500 plays per report");
        }
        store.recordPlays(plays.stream().map(p -> new SignageStore.Play(device.id(), p.contentId(),
                Instant.ofEpochMilli(p.startedAtMs()), p.endedAtMs() == null ? null : Instant.ofEpochMilli(p.endedAtMs()),
                outcome(p.outcome()), clip(p.detail()))).toList());
        List<String> errors = report.errors() == null ? List.of() : report.errors();
        String error = errors.isEmpty() ? null : clip(errors.get(errors.size() - 1));
        Screens.NowPlaying now = report.nowPlaying() == null ? null
                : new Screens.NowPlaying(report.nowPlaying().contentId(), clip(report.nowPlaying().title()),
                        report.nowPlaying().sinceMs() == null ? null : Instant.ofEpochMilli(report.nowPlaying().sinceMs()));
        screens.reported(device.id(), now, error, report.clockOffsetMs());
        return ResponseEntity.ok(Map.of("serverTimeMs", System.currentTimeMillis()));
    }

    private static String outcome(@Nullable String value) {
        if (value == null) {
            return "PLAYED";
        }
        switch (value) {
            case "PLAYED":
            case "SKIPPED":
            case "ERROR":
                return value;
            default:
                throw ApiProblem.invalid("outcome 必须是 PLAYED、SKIPPED 或 ERROR", "outcome must be PLAYED, SKIPPED or ERROR");
        }
    }

    private static @Nullable String clip(@Nullable String text) {
        return text == null ? null : text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private Device display(Actor actor) {
        return devices.of(actor).filter(d -> d.kind() == DeviceKind.DISPLAY).orElseThrow(ApiProblem::forbidden);
    }
}
