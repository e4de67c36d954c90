package org.ketang.platform.live.internal;

import java.time.Clock;
import java.util.Optional;

import org.ketang.platform.live.LiveOnScreens;
import org.springframework.stereotype.Component;

/** Playback links of live channels for classroom displays: the same signed links viewers get, while a channel is live. */
@Component
class ScreenChannels implements LiveOnScreens {

    private final LiveSessions sessions;
    private final LivePlayback playback;
    private final LiveSettings settings;
    private final Clock clock = Clock.systemUTC();

    ScreenChannels(LiveSessions sessions, LivePlayback playback, LiveSettings settings) {
        this.sessions = sessions;
        this.playback = playback;
        this.settings = settings;
    }

    @Override
    public Optional<Link> screening(long classroomId, long deviceAccountId) {
        return sessions.latestIn(classroomId).filter(s -> s.liveAt(clock.instant(), settings.staleAfter())).map(s -> {
            LivePlayback.Link link = playback.issue(classroomId, deviceAccountId);
            return new Link(link.url(), link.expiresAt());
        });
    }
}
