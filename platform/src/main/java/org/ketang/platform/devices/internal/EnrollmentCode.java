package org.ketang.platform.devices.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One-time enrollment codes such as {@code 7KQ4-M2XP}: 8 characters from an alphabet without look-alikes (no 0/O,
 * 1/I/L), about 40 bits, typed on a classroom box by hand. Only a SHA-256 of the normalised code is stored.
 */
final class EnrollmentCode {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnrollmentCode() {
    }

    /** A new random code, formatted {@code XXXX-XXXX}. */
    static String generate() {
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** What was typed, upper-cased, without spaces and dashes. */
    static String normalise(String typed) {
        StringBuilder out = new StringBuilder(typed.length());
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String hash(String typed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normalise(typed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
