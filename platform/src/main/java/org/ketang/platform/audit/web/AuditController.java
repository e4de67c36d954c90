package org.ketang.platform.audit.web;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.internal.AuditLog;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/** Reading the audit log: district staff see every entry, school staff their own school's. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "审计日志 / audit log")
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping
    AuditLog.Page entries(Actor actor, @RequestParam @Nullable Long schoolId, @RequestParam @Nullable String action,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        actor.require(Permission.AUDIT_VIEW);
        return log.find(actor.schoolToQuery(schoolId), action, Math.max(0, page), Math.max(1, Math.min(size, 200)));
    }
}
