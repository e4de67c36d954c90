package org.ketang.platform.http;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A security filter chain for paths that carry their own authorisation — a signed, expiring token in the path, or
 * a shared secret of a calling server — checked by their controllers. No session, sign-in, CSRF or request cache
 * runs for them: a playing video asks for a file every second or so per viewer.
 */
public final class SelfAuthorizedPaths {

    private SelfAuthorizedPaths() {
    }

    /** The chain for {@code patterns}; register it as a bean with a higher precedence than the main chain. */
    public static SecurityFilterChain chain(HttpSecurity http, String... patterns) throws Exception {
        return http.securityMatcher(patterns)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}
