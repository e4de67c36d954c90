package org.ketang.platform.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Bearer tokens for apps and scripts. Only a SHA-256 of each token is stored. */
@Component
@Transactional
class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final IdentitySettings settings;

    ApiTokens(JdbcClient jdbc, IdentitySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Issues a new token for {@code userId} (and forgets the user's expired ones). */
    Issued issue(long userId) {
        return issue(userId, settings.tokenLifetime());
    }

    /** Issues a token valid for {@code lifetime} (device tokens live far longer than people's). */
    Issued issue(long userId, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "kt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime);
        jdbc.sql("delete from api_token where user_id = :user and expires_at < :now").param("user", userId)
                .param("now", utc(now)).update();
        jdbc.sql("insert into api_token (token_hash, user_id, created_at, expires_at) values (:h, :u, :c, :e)")
                .param("h", hash(token)).param("u", userId).param("c", utc(now)).param("e", utc(expires)).update();
        return new Issued(token, expires);
    }

    /** The user a valid, unexpired token belongs to. */
    @Transactional(readOnly = true)
    Optional<Long> userOf(String token) {
        return jdbc.sql("select user_id from api_token where token_hash = :h and expires_at > :now")
                .param("h", hash(token)).param("now", utc(Instant.now())).query(Long.class).optional();
    }

    void revoke(String token) {
        jdbc.sql("delete from api_token where token_hash = :h").param("h", hash(token)).update();
    }

    void revokeAllOf(long userId) {
        jdbc.sql("delete from api_token where user_id = :u").param("u", userId).update();
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    record Issued(String token, Instant expiresAt) {
    }
}
