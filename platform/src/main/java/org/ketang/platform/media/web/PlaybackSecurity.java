package org.ketang.platform.media.web;

import org.ketang.platform.http.SelfAuthorizedPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Playback paths carry their own authorisation — the signed, expiring token in the path, checked by
 * {@link PlaybackController} — so no session, sign-in or CSRF machinery runs for the many small requests of a
 * playing video (a segment every few seconds per viewer).
 */
@Configuration(proxyBeanMethods = false)
class PlaybackSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain playbackFilterChain(HttpSecurity http) throws Exception {
        return SelfAuthorizedPaths.chain(http, "/media/play/**");
    }
}
