package org.ketang.platform.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** MockMvc helpers that sign a request in as a given {@link Actor}, for API tests. */
public final class ActingAs {

    private ActingAs() {
    }

    /** Signs the request in as {@code actor}. */
    public static RequestPostProcessor actor(Actor actor) {
        var authorities = actor.permissions().stream().map(p -> new SimpleGrantedAuthority(p.name())).toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities);
        return SecurityMockMvcRequestPostProcessors.authentication(authentication);
    }

    /**
     * Signs the request in as the stored account {@code username} — its built-in roles and school, as a demo user
     * has them — with a CSRF token.
     */
    public static RequestPostProcessor user(UserAccounts accounts, String username) {
        UserAccounts.Account a = accounts.findByUsername(username).orElseThrow();
        BuiltInRole[] roles = a.roles().stream().map(BuiltInRole::valueOf).toArray(BuiltInRole[]::new);
        RequestPostProcessor signedIn = actor(withRoles(a.id(), username, a.schoolId(), roles));
        return request -> SecurityMockMvcRequestPostProcessors.csrf().postProcessRequest(signedIn.postProcessRequest(request));
    }

    /** An actor with the given built-in roles (their permissions and scopes combined) in {@code schoolId}. */
    public static Actor withRoles(long userId, String username, @Nullable Long schoolId, BuiltInRole... roles) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Set<ScopeLevel> scopes = EnumSet.noneOf(ScopeLevel.class);
        for (BuiltInRole role : roles) {
            permissions.addAll(role.permissions());
            scopes.add(role.scope());
        }
        Set<String> codes = Arrays.stream(roles).map(BuiltInRole::code).collect(Collectors.toSet());
        return new Actor(userId, username, username, schoolId, codes, permissions, scopes);
    }
}
