package org.ketang.platform.live.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.ketang.platform.live.LiveClasses;
import org.ketang.platform.live.internal.LiveSessions.Session;
import org.springframework.stereotype.Component;

/** {@link LiveClasses} from the open sessions whose playlist still comes. */
@Component
class OnAirClasses implements LiveClasses {

    private final LiveSessions sessions;
    private final LiveSettings settings;
    private final Clock clock = Clock.systemUTC();

    OnAirClasses(LiveSessions sessions, LiveSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    @Override
    public List<OnAir> onAirNow() {
        Instant now = clock.instant();
        return sessions.open().stream().filter(s -> s.liveAt(now, settings.staleAfter())).map(OnAirClasses::onAir)
                .toList();
    }

    @Override
    public Optional<OnAir> onAir(long classroomId) {
        return sessions.openIn(classroomId).filter(s -> s.liveAt(clock.instant(), settings.staleAfter()))
                .map(OnAirClasses::onAir);
    }

    private static OnAir onAir(Session s) {
        return new OnAir(s.id(), s.classroomId(), s.schoolId(), s.startedAt(), s.openClass());
    }
}
