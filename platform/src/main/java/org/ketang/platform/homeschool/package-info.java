/**
 * The home-school app (家校通): notices to parents with read and confirmation receipts, reminders, unread
 * badges, and one real-time notification channel per signed-in user ({@code /ws/notifications}, plain
 * WebSocket with JSON messages). Recipients and reach come from the organization module.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "organization", "identity", "http", "audit", "ingest", "media", "library" })
package org.ketang.platform.homeschool;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
