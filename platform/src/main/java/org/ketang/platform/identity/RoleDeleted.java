package org.ketang.platform.identity;

/** An admin deleted a custom role. */
public record RoleDeleted(long byUserId, String byUsername, String code) {
}
