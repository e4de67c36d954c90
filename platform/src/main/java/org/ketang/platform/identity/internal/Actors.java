package org.ketang.platform.identity.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.identity.ScopeLevel;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the {@link Actor} of a request from the account and its roles, fresh on every request so that a
 * role change or a disabled account takes effect at once.
 */
@Component
@Transactional(readOnly = true)
class Actors {

    private final JdbcUserAccounts accounts;
    private final RoleCatalog roles;

    Actors(JdbcUserAccounts accounts, RoleCatalog roles) {
        this.accounts = accounts;
        this.roles = roles;
    }

    /** The actor for an enabled account, or empty when the account is gone or disabled. */
    Optional<Actor> load(long userId) {
        return accounts.findStored(userId).filter(JdbcUserAccounts.StoredAccount::enabled).map(this::actorOf);
    }

    Actor actorOf(JdbcUserAccounts.StoredAccount account) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        Set<ScopeLevel> scopes = EnumSet.noneOf(ScopeLevel.class);
        for (String code : account.roles()) {
            roles.find(code).ifPresent(role -> {
                permissions.addAll(role.permissions());
                scopes.add(role.scope());
            });
        }
        return new Actor(account.id(), account.username(), account.displayName(), account.schoolId(),
                account.roles(), permissions, scopes);
    }
}
