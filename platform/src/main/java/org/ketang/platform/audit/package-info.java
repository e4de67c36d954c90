/**
 * The audit log of security-relevant actions: who did what, to what, when, from where, and whether it
 * worked. Other modules record through {@link org.ketang.platform.audit.AuditTrail}; identity's events are
 * recorded by this module itself.
 */
@NullMarked
package org.ketang.platform.audit;

import org.jspecify.annotations.NullMarked;
