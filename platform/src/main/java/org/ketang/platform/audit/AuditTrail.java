package org.ketang.platform.audit;

import org.jspecify.annotations.Nullable;

/** Records an entry in the audit log, in the caller's transaction: no audited change without its entry. */
public interface AuditTrail {

    void record(Entry entry);

    /**
     * One audited action.
     *
     * @param action   a dotted verb, e.g. {@code auth.sign-in}, {@code roles.assigned}, {@code device.power-off}
     * @param target   what it was done to, in words a reader understands (e.g. {@code user t1})
     * @param schoolId the school the action concerns, so that school admins see their school's entries
     */
    record Entry(@Nullable Long actorId, @Nullable String actorName, String action, @Nullable String target,
            @Nullable String detail, Outcome outcome, @Nullable Long schoolId, @Nullable String ip) {
    }

    enum Outcome {
        SUCCESS, FAILURE
    }
}
