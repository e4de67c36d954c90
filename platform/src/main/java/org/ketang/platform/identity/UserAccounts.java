package org.ketang.platform.identity;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Accounts for other modules: the organization module creates one for each imported teacher, student
 * and parent; the demo seeder creates the demo users. Passwords are hashed here and nowhere else.
 */
public interface UserAccounts {

    /**
     * Creates an account.
     *
     * @return the new account's id
     * @throws IllegalArgumentException when the username or phone is already taken, or a role is unknown
     */
    long create(NewAccount account);

    Optional<Account> find(long userId);

    Optional<Account> findByUsername(String username);

    /** Replaces the roles (codes of built-in or custom roles) and the school of an account. */
    void assignRoles(long userId, Set<String> roles, @Nullable Long schoolId);

    /** Sets a new password (hashed here); {@code mustChange} makes the user pick their own at next sign-in. */
    void setPassword(long userId, String rawPassword, boolean mustChange);

    /** What another module needs to create an account. */
    record NewAccount(String username, @Nullable String phone, String displayName, String rawPassword,
            @Nullable Long schoolId, Set<String> roles, boolean mustChangePassword) {
    }

    /** An account as other modules see it: never the password hash. */
    record Account(long id, String username, @Nullable String phone, String displayName, @Nullable Long schoolId,
            Set<String> roles, boolean enabled) {
    }
}
