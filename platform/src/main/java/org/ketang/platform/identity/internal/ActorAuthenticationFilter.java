package org.ketang.platform.identity.internal;

import java.io.IOException;

import org.ketang.platform.identity.Actor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Signs a request in from its bearer token or its web session: the session and the token only name the
 * account; the {@link Actor} (roles, permissions, school) is loaded fresh for each request. Created by
 * {@link SecurityConfig} only (not a bean), so that the servlet container does not run it a second time.
 */
class ActorAuthenticationFilter extends OncePerRequestFilter {

    /** Session attribute holding the signed-in account's id. */
    static final String SESSION_USER = "ketang.userId";
    /** Request attribute holding the bearer token a request came with (for logout). */
    static final String BEARER_TOKEN = "ketang.bearerToken";

    private final ApiTokens tokens;
    private final Actors actors;

    ActorAuthenticationFilter(ApiTokens tokens, Actors actors) {
        this.tokens = tokens;
        this.actors = actors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Long userId = null;
        if (SecurityConfig.BEARER.matches(request)) {
            String token = request.getHeader("Authorization").substring(7).trim();
            userId = tokens.userOf(token).orElse(null);
            if (userId != null) {
                request.setAttribute(BEARER_TOKEN, token);
            }
        } else {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(SESSION_USER) instanceof Long id) {
                userId = id;
            }
        }
        if (userId != null) {
            actors.load(userId).ifPresent(ActorAuthenticationFilter::signIn);
        }
        chain.doFilter(request, response);
    }

    /** Puts {@code actor} into the security context of the current request. */
    static void signIn(Actor actor) {
        var authorities = actor.permissions().stream().map(p -> new SimpleGrantedAuthority(p.name())).toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities));
        SecurityContextHolder.setContext(context);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
