package org.ketang.platform.identity;

import java.util.Set;

/** An admin created ({@code created}) or changed a custom role. */
public record RoleDefined(long byUserId, String byUsername, String code, ScopeLevel scope, Set<Permission> permissions,
        boolean created) {
}
