/**
 * Accounts, roles, permissions and sign-in. Other modules use {@link org.ketang.platform.identity.Actor}
 * (a controller method parameter), {@link org.ketang.platform.identity.Permission} and
 * {@link org.ketang.platform.identity.UserAccounts}.
 */
@NullMarked
package org.ketang.platform.identity;

import org.jspecify.annotations.NullMarked;
