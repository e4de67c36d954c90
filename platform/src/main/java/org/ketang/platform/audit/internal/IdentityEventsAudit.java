package org.ketang.platform.audit.internal;

import static org.ketang.platform.audit.AuditTrail.Outcome.FAILURE;
import static org.ketang.platform.audit.AuditTrail.Outcome.SUCCESS;

import java.util.stream.Collectors;

import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.audit.AuditTrail.Entry;
import org.ketang.platform.identity.AccountLocked;
import org.ketang.platform.identity.PasswordChanged;
import org.ketang.platform.identity.RoleDefined;
import org.ketang.platform.identity.RoleDeleted;
import org.ketang.platform.identity.RolesAssigned;
import org.ketang.platform.identity.SignInFailed;
import org.ketang.platform.identity.SignedIn;
import org.ketang.platform.identity.SignedOut;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes identity's events to the audit log. Synchronous, in the publisher's transaction, so that a role
 * change and its audit entry are committed together or not at all.
 */
@Component
class IdentityEventsAudit {

    private final AuditTrail trail;

    IdentityEventsAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(SignedIn e) {
        trail.record(new Entry(e.userId(), e.username(), "auth.sign-in", "user " + e.username(), null, SUCCESS,
                e.schoolId(), e.ip()));
    }

    @EventListener
    void on(SignInFailed e) {
        trail.record(new Entry(e.userId(), e.login(), "auth.sign-in", "user " + e.login(), e.reason(), FAILURE,
                e.schoolId(), e.ip()));
    }

    @EventListener
    void on(AccountLocked e) {
        trail.record(new Entry(e.userId(), e.username(), "auth.locked", "user " + e.username(),
                "locked until " + e.until(), FAILURE, e.schoolId(), e.ip()));
    }

    @EventListener
    void on(SignedOut e) {
        trail.record(new Entry(e.userId(), e.username(), "auth.sign-out", "user " + e.username(), null, SUCCESS,
                e.schoolId(), e.ip()));
    }

    @EventListener
    void on(PasswordChanged e) {
        trail.record(new Entry(e.userId(), e.username(), "auth.password-changed", "user " + e.username(), null,
                SUCCESS, e.schoolId(), e.ip()));
    }

    @EventListener
    void on(RolesAssigned e) {
        trail.record(new Entry(e.byUserId(), e.byUsername(), "roles.assigned", "user " + e.username(),
                e.before() + " → " + e.after(), SUCCESS, e.schoolId(), null));
    }

    @EventListener
    void on(RoleDefined e) {
        String permissions = e.permissions().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        trail.record(new Entry(e.byUserId(), e.byUsername(), e.created() ? "roles.created" : "roles.changed",
                "role " + e.code(), "scope " + e.scope() + "; " + permissions, SUCCESS, null, null));
    }

    @EventListener
    void on(RoleDeleted e) {
        trail.record(new Entry(e.byUserId(), e.byUsername(), "roles.deleted", "role " + e.code(), null, SUCCESS,
                null, null));
    }
}
