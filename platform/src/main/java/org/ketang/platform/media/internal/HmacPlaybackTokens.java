package org.ketang.platform.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.ketang.platform.media.PlaybackTokens;

/**
 * Playback tokens {@code <assetId>.<userId>.<expiresEpochSecond>.<HMAC-SHA256, base64url>}, and for other modules'
 * purposes {@code <purpose>-<id>.<userId>.<expiresEpochSecond>.<HMAC>} (the purpose is signed too, and an asset
 * token's first part is a bare number, so neither kind passes for the other). The key is the configured
 * {@code ketang.media.playback-secret}, or 32 random bytes generated once into {@code <storage-dir>/playback.key}.
 */
public final class HmacPlaybackTokens implements PlaybackTokens {

    /** A verified token. */
    public record Grant(long assetId, long userId, long expiresEpochSecond) {
    }

    private static final java.util.regex.Pattern PURPOSE = java.util.regex.Pattern.compile("[a-z]{1,20}");

    private final byte[] key;
    private final Clock clock;

    public HmacPlaybackTokens(byte[] key, Clock clock) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the playback key needs at least 16 bytes");
        }
        this.key = key.clone();
        this.clock = clock;
    }

    static byte[] keyFrom(@org.jspecify.annotations.Nullable String configured, Path storageDir) {
        if (configured != null && !configured.isBlank()) {
            return Base64.getDecoder().decode(configured.trim());
        }
        Path file = storageDir.resolve("playback.key");
        try {
            Files.createDirectories(storageDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException ignored) {
                    // another node sharing the directory was first: use its key
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the playback key " + file, e);
        }
    }

    @Override
    public String issue(long assetId, long userId, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = assetId + "." + userId + "." + expires;
        return "/media/play/" + payload + "." + sign(payload) + "/";
    }

    @Override
    public String sign(String purpose, long id, long userId, Duration ttl) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("a purpose is lowercase letters: " + purpose);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = purpose + "-" + id + "." + userId + "." + expires;
        return payload + "." + sign(payload);
    }

    @Override
    public Optional<Granted> verify(String purpose, String token) {
        String prefix = purpose + "-";
        if (!PURPOSE.matcher(purpose).matches() || !token.startsWith(prefix)) {
            return Optional.empty();
        }
        return check(token.substring(prefix.length()), prefix)
                .map(g -> new Granted(purpose, g.assetId(), g.userId(), Instant.ofEpochSecond(g.expiresEpochSecond())));
    }

    /** The grant of a valid, unexpired asset token; empty for anything else. */
    public Optional<Grant> verify(String token) {
        return check(token, "");
    }

    /** Checks {@code <id>.<userId>.<expires>.<signature>}, signed with {@code prefix} in front. */
    private Optional<Grant> check(String token, String prefix) {
        String[] parts = token.split("\\.");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(parts[0]);
            long userId = Long.parseLong(parts[1]);
            long expires = Long.parseLong(parts[2]);
            String expected = sign(prefix + parts[0] + "." + parts[1] + "." + parts[2]);
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    parts[3].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            if (expires < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Grant(id, userId, expires));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
