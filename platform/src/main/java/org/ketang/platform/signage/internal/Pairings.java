package org.ketang.platform.signage.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Display pairing, held in memory: a new display asks for a short code (shown on its screen) and a long secret (kept
 * by the page); an admin confirms the code for a classroom; the display collects its device token with the secret.
 * Codes expire after {@link #TTL}, every address may open few pairings a minute, and a code is a random 8 characters
 * of 31, so guessing one in its lifetime is hopeless. One node only: pairing on a cluster needs a sticky route or
 * a shared table.
 */
public final class Pairings {

    static final Duration TTL = Duration.ofMinutes(15);
    static final int PER_ADDRESS_PER_MINUTE = 10;
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int MAX_OPEN = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Pairing> byCode = new ConcurrentHashMap<>();
    private final Map<String, Pairing> bySecret = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> opened = new ConcurrentHashMap<>();

    public Pairings(Clock clock) {
        this.clock = clock;
    }

    /** A pairing in progress; {@code token} is set once an admin confirmed it. */
    public static final class Pairing {
        final String code;
        final String secret;
        final Instant expiresAt;
        final @Nullable String userAgent;
        volatile @Nullable Confirmed confirmed;

        Pairing(String code, String secret, Instant expiresAt, @Nullable String userAgent) {
            this.code = code;
            this.secret = secret;
            this.expiresAt = expiresAt;
            this.userAgent = userAgent;
        }

        public String code() {
            return code;
        }

        public String secret() {
            return secret;
        }

        public Instant expiresAt() {
            return expiresAt;
        }

        public @Nullable String userAgent() {
            return userAgent;
        }
    }

    /** What the display receives once: its token, device id and where it stands. */
    public record Confirmed(long deviceId, String token, String classroomName, String schoolName) {
    }

    /** Opens a pairing for a display at {@code ip}, or empty when that address opened too many this minute. */
    public Optional<Pairing> open(String ip, @Nullable String userAgent) {
        Instant now = clock.instant();
        sweep(now);
        if (byCode.size() >= MAX_OPEN) {
            return Optional.empty();
        }
        Deque<Instant> recent = opened.computeIfAbsent(ip, k -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(Duration.ofMinutes(1)))) {
                recent.pollFirst();
            }
            if (recent.size() >= PER_ADDRESS_PER_MINUTE) {
                return Optional.empty();
            }
            recent.addLast(now);
        }
        String code;
        do {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            code = b.toString();
        } while (byCode.containsKey(code));
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Pairing pairing = new Pairing(code, HexFormat.of().formatHex(secret), now.plus(TTL),
                userAgent == null ? null : userAgent.substring(0, Math.min(200, userAgent.length())));
        byCode.put(code, pairing);
        bySecret.put(pairing.secret, pairing);
        return Optional.of(pairing);
    }

    /** The open, unconfirmed pairing of a code as an admin typed it (case, spaces and dashes ignored). */
    public Optional<Pairing> byCode(String typed) {
        String code = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        Pairing p = byCode.get(code);
        if (p == null || p.expiresAt.isBefore(clock.instant()) || p.confirmed != null) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    public void confirm(Pairing pairing, Confirmed confirmed) {
        pairing.confirmed = confirmed;
        byCode.remove(pairing.code);
    }

    /** What a waiting display learns: empty while waiting; the token once (the pairing is then gone). */
    public Outcome poll(String secret) {
        Pairing p = bySecret.get(secret);
        if (p == null || p.expiresAt.isBefore(clock.instant())) {
            return new Outcome(false, null);
        }
        Confirmed c = p.confirmed;
        if (c != null) {
            bySecret.remove(secret);
        }
        return new Outcome(true, c);
    }

    /** @param known whether the secret belongs to a live pairing; {@code confirmed} once an admin confirmed it */
    public record Outcome(boolean known, @Nullable Confirmed confirmed) {
    }

    private void sweep(Instant now) {
        byCode.values().removeIf(p -> p.expiresAt.isBefore(now));
        bySecret.values().removeIf(p -> p.expiresAt.isBefore(now));
        opened.values().removeIf(d -> {
            synchronized (d) {
                return d.isEmpty() || d.peekLast().isBefore(now.minus(Duration.ofMinutes(1)));
            }
        });
    }
}
