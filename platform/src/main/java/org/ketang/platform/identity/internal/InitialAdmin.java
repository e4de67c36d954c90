package org.ketang.platform.identity.internal;

import java.util.Set;

import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start, creates the district admin account {@code admin} so that someone can sign in. Its
 * password is {@code ketang.identity.initial-admin-password} when set (the demo profile sets it), otherwise
 * a random one printed once to the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InitialAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

    private final JdbcUserAccounts accounts;
    private final IdentitySettings settings;

    InitialAdmin(JdbcUserAccounts accounts, IdentitySettings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.countWithRole(BuiltInRole.DISTRICT_ADMIN.code()) > 0 || accounts.findByUsername("admin").isPresent()) {
            return;
        }
        String configured = settings.initialAdminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? Credentials.randomPassword(14) : configured;
        accounts.create(new UserAccounts.NewAccount("admin", null, "区管理员", password, null,
                Set.of(BuiltInRole.DISTRICT_ADMIN.code()), generated));
        if (generated) {
            log.warn("""

                    ================================================================
                     课堂 Ketang: first start — created the district admin account
                       username: admin
                       password: {}
                     Sign in and change this password now. It is shown only once.
                    ================================================================""", password);
        }
    }
}
