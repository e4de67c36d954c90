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
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.ketang.platform.media.PlaybackTokens;

/**
 * Playback tokens {@code <assetId>.<userId>.<expiresEpochSecond>.<HMAC-SHA256, base64url>}. The key is the
 * configured {@code ketang.media.playback-secret}, or 32 random bytes generated once into
 * {@code <storage-dir>/playback.key}.
 */
public final class HmacPlaybackTokens implements PlaybackTokens {

    /** A verified token. */
    public record Grant(long assetId, long userId, long expiresEpochSecond) {
    }

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

    /** The grant of a valid, unexpired token; empty for anything else. */
    public Optional<Grant> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            long assetId = Long.parseLong(parts[0]);
            long userId = Long.parseLong(parts[1]);
            long expires = Long.parseLong(parts[2]);
            String expected = sign(parts[0] + "." + parts[1] + "." + parts[2]);
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    parts[3].getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            if (expires < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Grant(assetId, userId, expires));
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
