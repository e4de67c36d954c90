package org.ketang.platform.live.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.Devices;
import org.ketang.platform.identity.DeviceCredentials;
import org.ketang.platform.live.internal.LiveSessions.Via;
import org.springframework.stereotype.Component;

/**
 * What the platform answers a media server (SRS, ZLMediaKit) that asks whether someone may publish or play a stream.
 * A stream is named by its classroom id ({@code rtmp://srs/live/42?token=…}). Publishers are the classroom's recorder,
 * with its device token; players carry the live playback token the platform gave them
 * ({@code GET /api/v1/live/channels/42/playback}). A publish opens the classroom's live session; the end of it closes
 * the session.
 */
@Component
public class MediaServerHooks {

    /** The stream name of a channel: its classroom id. */
    private static final Pattern STREAM = Pattern.compile("[1-9][0-9]{0,17}");

    /** A hook's answer: allowed, or denied with a reason for the media server's log. */
    public record Verdict(boolean allowed, String reason) {

        static Verdict allow() {
            return new Verdict(true, "success");
        }

        static Verdict deny(String reason) {
            return new Verdict(false, reason);
        }
    }

    private final LiveSettings settings;
    private final DeviceCredentials credentials;
    private final Devices devices;
    private final LivePlayback playback;
    private final Broadcasts broadcasts;
    private final Clock clock = Clock.systemUTC();

    MediaServerHooks(LiveSettings settings, DeviceCredentials credentials, Devices devices, LivePlayback playback,
            Broadcasts broadcasts) {
        this.settings = settings;
        this.credentials = credentials;
        this.devices = devices;
        this.playback = playback;
        this.broadcasts = broadcasts;
    }

    /** Whether hooks are configured at all ({@code ketang.live.hooks.secret}). */
    public boolean enabled() {
        String secret = settings.hooks().secret();
        return secret != null && !secret.isBlank();
    }

    /** Whether the caller knows the shared secret. */
    public boolean trusted(@Nullable String given) {
        String secret = settings.hooks().secret();
        return enabled() && given != null && MessageDigest.isEqual(secret.strip().getBytes(StandardCharsets.UTF_8),
                given.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A recorder wants to publish {@code stream}; {@code params} is the query string of its URL. */
    public Verdict publish(@Nullable String stream, @Nullable String params) {
        Optional<Long> classroom = classroomOf(stream);
        if (classroom.isEmpty()) {
            return Verdict.deny("unknown stream " + stream + ": name a stream by its classroom id");
        }
        Optional<Device> recorder = param(params, "token").flatMap(credentials::actorOf).flatMap(devices::of)
                .filter(d -> d.kind() == DeviceKind.RECORDER);
        if (recorder.isEmpty()) {
            return Verdict.deny("publishing needs the token of an enrolled recorder (?token=…)");
        }
        if (recorder.get().classroomId() != classroom.get()) {
            return Verdict.deny("the recorder of classroom " + recorder.get().classroomId() + " may not publish stream "
                    + stream);
        }
        broadcasts.heard(recorder.get(), Via.MEDIA_SERVER, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return Verdict.allow();
    }

    /** The publisher of {@code stream} left. */
    public Verdict unpublished(@Nullable String stream) {
        classroomOf(stream).ifPresent(classroom -> broadcasts.unpublished(classroom, clock.instant()));
        return Verdict.allow();
    }

    /** A viewer wants to play {@code stream} with the playback token in {@code params}. */
    public Verdict play(@Nullable String stream, @Nullable String params) {
        Optional<Long> classroom = classroomOf(stream);
        if (classroom.isEmpty()) {
            return Verdict.deny("unknown stream " + stream);
        }
        boolean granted = param(params, "token").flatMap(playback::classroomOf).filter(classroom.get()::equals)
                .isPresent();
        return granted ? Verdict.allow() : Verdict.deny("playing needs a valid live playback token for this stream");
    }

    static Optional<Long> classroomOf(@Nullable String stream) {
        if (stream == null || !STREAM.matcher(stream).matches()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(stream));
    }

    /** A parameter of a query string, with or without its leading {@code ?} (SRS sends one, ZLMediaKit not). */
    static Optional<String> param(@Nullable String query, String name) {
        if (query == null || query.isBlank()) {
            return Optional.empty();
        }
        String q = query.startsWith("?") ? query.substring(1) : query;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name) && eq >= 0) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isBlank() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
