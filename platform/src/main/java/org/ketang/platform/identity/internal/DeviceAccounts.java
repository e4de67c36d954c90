package org.ketang.platform.identity.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.DeviceCredentials;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Device accounts: role DEVICE, a random password nobody knows, and a bearer token good for a hundred years. */
@Component
@Transactional
class DeviceAccounts implements DeviceCredentials {

    /** Devices are retired explicitly; their token should never run out under a classroom. */
    private static final Duration DEVICE_TOKEN_LIFETIME = Duration.ofDays(36_500);

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final JdbcClient jdbc;
    private final Actors actors;

    DeviceAccounts(UserAccounts accounts, ApiTokens tokens, JdbcClient jdbc, Actors actors) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.actors = actors;
    }

    @Override
    public Issued create(String username, String displayName, long schoolId) {
        long id = accounts.create(new UserAccounts.NewAccount(username, null, displayName,
                Credentials.randomPassword(32), schoolId, Set.of(BuiltInRole.DEVICE.code()), false));
        return new Issued(id, tokens.issue(id, DEVICE_TOKEN_LIFETIME).token());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Actor> actorOf(String token) {
        if (token.isBlank()) {
            return Optional.empty();
        }
        return tokens.userOf(token.trim()).flatMap(actors::load).filter(actor -> actor.can(Permission.DEVICE_AGENT));
    }

    @Override
    public void retire(long accountId) {
        jdbc.sql("update user_account set enabled = false where id = :id").param("id", accountId).update();
        tokens.revokeAllOf(accountId);
    }
}
