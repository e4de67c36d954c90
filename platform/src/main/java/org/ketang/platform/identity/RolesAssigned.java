package org.ketang.platform.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** An admin changed the roles of an account. */
public record RolesAssigned(long byUserId, String byUsername, long userId, String username, @Nullable Long schoolId,
        Set<String> before, Set<String> after) {
}
