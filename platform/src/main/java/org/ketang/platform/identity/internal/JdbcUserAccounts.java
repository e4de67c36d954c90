package org.ketang.platform.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Accounts in the {@code user_account} and {@code user_role} tables. The only place passwords are hashed. */
@Component
@Transactional
class JdbcUserAccounts implements UserAccounts {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final RoleCatalog roles;
    /** The hash of a random password, checked against when the login names no account. */
    private final String dummyHash;

    JdbcUserAccounts(JdbcClient jdbc, PasswordEncoder passwords, RoleCatalog roles) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.roles = roles;
        this.dummyHash = passwords.encode(Credentials.randomPassword(16));
    }

    @Override
    public long create(NewAccount account) {
        String username = account.username().trim();
        if (!Credentials.isValidUsername(username)) {
            throw new IllegalArgumentException("invalid username: " + username);
        }
        if (findByUsername(username).isPresent()) {
            throw new IllegalArgumentException("username already taken: " + username);
        }
        if (account.phone() != null && findByLogin(account.phone()).isPresent()) {
            throw new IllegalArgumentException("phone number already taken: " + account.phone());
        }
        account.roles().forEach(this::requireKnownRole);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into user_account (username, phone, display_name, password_hash, school_id, enabled,
                    must_change_password, failed_attempts, created_at)
                values (:username, :phone, :displayName, :hash, :schoolId, true, :mustChange, 0, :now)""")
                .param("username", username).param("phone", blankToNull(account.phone()))
                .param("displayName", account.displayName()).param("hash", passwords.encode(account.rawPassword()))
                .param("schoolId", account.schoolId()).param("mustChange", account.mustChangePassword())
                .param("now", now()).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        insertRoles(id, account.roles());
        return id;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Account> find(long userId) {
        return jdbc.sql("select * from user_account where id = :id").param("id", userId)
                .query(this::account).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Account> findByUsername(String username) {
        return jdbc.sql("select * from user_account where username = :u").param("u", username.trim())
                .query(this::account).optional();
    }

    @Override
    public void assignRoles(long userId, Set<String> roleCodes, @Nullable Long schoolId) {
        roleCodes.forEach(this::requireKnownRole);
        int updated = jdbc.sql("update user_account set school_id = :school where id = :id")
                .param("school", schoolId).param("id", userId).update();
        if (updated == 0) {
            throw new IllegalArgumentException("no account " + userId);
        }
        jdbc.sql("delete from user_role where user_id = :id").param("id", userId).update();
        insertRoles(userId, roleCodes);
    }

    @Override
    public void setPassword(long userId, String rawPassword, boolean mustChange) {
        jdbc.sql("""
                update user_account set password_hash = :hash, must_change_password = :must, failed_attempts = 0,
                    locked_until = null where id = :id""")
                .param("hash", passwords.encode(rawPassword)).param("must", mustChange).param("id", userId).update();
    }

    /** The account whose username or phone number is {@code login}, with its security fields. */
    @Transactional(readOnly = true)
    Optional<StoredAccount> findByLogin(String login) {
        String trimmed = login.trim();
        return jdbc.sql("select * from user_account where username = :login or phone = :login order by id")
                .param("login", trimmed).query(this::stored).list().stream().findFirst();
    }

    @Transactional(readOnly = true)
    Optional<StoredAccount> findStored(long userId) {
        return jdbc.sql("select * from user_account where id = :id").param("id", userId).query(this::stored)
                .optional();
    }

    @Transactional(readOnly = true)
    List<Account> search(@Nullable Long schoolId, @Nullable String query, int limit) {
        StringBuilder sql = new StringBuilder("select * from user_account where 1 = 1");
        var params = new java.util.HashMap<String, Object>();
        if (schoolId != null) {
            sql.append(" and school_id = :school");
            params.put("school", schoolId);
        }
        if (query != null && !query.isBlank()) {
            sql.append(" and (lower(username) like :q or lower(display_name) like :q or phone like :q)");
            params.put("q", "%" + query.trim().toLowerCase(java.util.Locale.ROOT) + "%");
        }
        sql.append(" order by id limit ").append(Math.max(1, Math.min(limit, 1000)));
        return jdbc.sql(sql.toString()).params(params).query(this::account).list();
    }

    void recordFailure(long userId, int failedAttempts, @Nullable Instant lockedUntil) {
        jdbc.sql("update user_account set failed_attempts = :n, locked_until = :until where id = :id")
                .param("n", failedAttempts).param("until", lockedUntil == null ? null : at(lockedUntil))
                .param("id", userId).update();
    }

    void recordSuccess(long userId) {
        jdbc.sql("update user_account set failed_attempts = 0, locked_until = null where id = :id")
                .param("id", userId).update();
    }

    boolean passwordMatches(StoredAccount account, String rawPassword) {
        return passwords.matches(rawPassword, account.passwordHash());
    }

    /** Spends about as long as a real password check, so that unknown usernames cannot be told apart. */
    void pretendToCheckPassword(String rawPassword) {
        passwords.matches(rawPassword, dummyHash);
    }

    long countWithRole(String roleCode) {
        return jdbc.sql("select count(*) from user_role where role_code = :r").param("r", roleCode)
                .query(Long.class).single();
    }

    Set<String> rolesOf(long userId) {
        return new LinkedHashSet<>(jdbc.sql("select role_code from user_role where user_id = :id order by role_code")
                .param("id", userId).query(String.class).list());
    }

    private void insertRoles(long userId, Set<String> roleCodes) {
        for (String role : roleCodes) {
            jdbc.sql("insert into user_role (user_id, role_code) values (:id, :role)").param("id", userId)
                    .param("role", role).update();
        }
    }

    private void requireKnownRole(String code) {
        if (roles.find(code).isEmpty()) {
            throw new IllegalArgumentException("unknown role: " + code);
        }
    }

    private Account account(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        return new Account(id, rs.getString("username"), rs.getString("phone"), rs.getString("display_name"),
                nullableLong(rs, "school_id"), rolesOf(id), rs.getBoolean("enabled"));
    }

    private StoredAccount stored(ResultSet rs, int row) throws SQLException {
        OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
        long id = rs.getLong("id");
        return new StoredAccount(id, rs.getString("username"), rs.getString("display_name"),
                nullableLong(rs, "school_id"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"), rs.getInt("failed_attempts"),
                locked == null ? null : locked.toInstant(), rolesOf(id));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static OffsetDateTime now() {
        return at(Instant.now());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** An account with the fields sign-in needs; never leaves the identity module. */
    record StoredAccount(long id, String username, String displayName, @Nullable Long schoolId, String passwordHash,
            boolean enabled, boolean mustChangePassword, int failedAttempts, @Nullable Instant lockedUntil,
            Set<String> roles) {

        boolean isLockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }
}
