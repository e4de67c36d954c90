package org.ketang.platform.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.ketang.agent.protocol.AgentApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may call what over HTTP. Every API call needs a signed-in actor (session cookie with CSRF header,
 * or a bearer token); the finer checks — which permission, which school — are made by each module's
 * controllers. The web app's pages and assets are public; the data behind them is not.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Requests that carry a bearer token: apps, scripts and classroom devices; they need no CSRF token. */
    static final RequestMatcher BEARER = request -> {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    };

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default; the {id} prefix lets a later switch to argon2 keep old hashes working.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, Actors actors) throws Exception {
        http.csrf(csrf -> csrf.spa().ignoringRequestMatchers(BEARER).ignoringRequestMatchers("/api/v1/auth/login",
                "/api/agent/**", "/api/display/**"))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .addFilterBefore(new ActorAuthenticationFilter(tokens, actors), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new CsrfCookieFilter(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // an event stream's async dispatch comes after the request itself was authorised
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        // a classroom display pairs before it has a token (codes expire, opening them is rate limited)
                        .requestMatchers("/api/display/v1/pairings", "/api/display/v1/pairings/poll",
                                "/api/display/v1/clock").permitAll()
                        .requestMatchers("/api/v1/auth/login", AgentApi.ENROLL, "/error", "/actuator/health/**", "/actuator/health",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/api/**", "/actuator/**").authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problem(response, HttpStatus.UNAUTHORIZED,
                                "unauthenticated", "请先登录", "Please sign in first"))
                        .accessDeniedHandler((request, response, ex) -> problem(response, HttpStatus.FORBIDDEN,
                                "forbidden", "没有权限执行此操作（或页面已过期，请刷新后重试）",
                                "You are not allowed to do this (or the page is stale: reload and try again)")));
        return http.build();
    }

    /** Writes a problem detail from a security filter, where the MVC exception handlers do not reach. */
    static void problem(HttpServletResponse response, HttpStatus status, String slug, String zh, String en)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String json = "{\"type\":\"https://ketang.dev/problems/" + slug + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + zh + "\",\"detailEn\":\"" + en + "\"}";
        response.getWriter().write(json);
    }

    /** Makes sure the {@code XSRF-TOKEN} cookie is set, so that the web app can send it back. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
