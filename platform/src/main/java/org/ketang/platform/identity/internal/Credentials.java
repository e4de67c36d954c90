package org.ketang.platform.identity.internal;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Rules for usernames and passwords, and generated passwords. */
final class Credentials {

    static final int MIN_PASSWORD_LENGTH = 8;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.\\-@]{2,64}");
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {
    }

    static boolean isValidUsername(String username) {
        return USERNAME.matcher(username).matches();
    }

    /** Why {@code password} is not acceptable for {@code username}, or {@code null} when it is. */
    static String @org.jspecify.annotations.Nullable [] weakness(String username, String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return new String[] { "新密码至少需要 " + MIN_PASSWORD_LENGTH + " 个字符",
                    "The new password needs at least " + MIN_PASSWORD_LENGTH + " characters" };
        }
        if (password.equalsIgnoreCase(username)) {
            return new String[] { "新密码不能与用户名相同", "The new password must differ from the username" };
        }
        return null;
    }

    /** A random password without look-alike characters (no 0/O, 1/l/I), easy to read out over the phone. */
    static String randomPassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
