package org.ketang.platform.signage.internal;

import java.util.Optional;

import org.ketang.platform.live.LiveOnScreens;
import org.ketang.platform.signage.LiveChannels;
import org.springframework.stereotype.Component;

/** Live channel items play the live module's channel of a recording classroom. */
@Component
class LiveChannelLinks implements LiveChannels {

    private final LiveOnScreens live;

    LiveChannelLinks(LiveOnScreens live) {
        this.live = live;
    }

    @Override
    public Optional<Link> hls(long classroomId, long deviceAccountId) {
        return live.screening(classroomId, deviceAccountId).map(l -> new Link(l.url(), l.expiresAt()));
    }
}
