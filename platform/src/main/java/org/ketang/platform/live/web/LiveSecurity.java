package org.ketang.platform.live.web;

import org.ketang.platform.http.SelfAuthorizedPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Live playback paths carry a signed, expiring token ({@link LivePlaybackController}); media-server hooks carry the
 * shared secret ({@link LiveHooksController}). Neither is a signed-in user, so no session or CSRF runs for them.
 */
@Configuration(proxyBeanMethods = false)
class LiveSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain liveFilterChain(HttpSecurity http) throws Exception {
        return SelfAuthorizedPaths.chain(http, LivePlaybackController.PATHS, LiveHooksController.PATHS);
    }
}
