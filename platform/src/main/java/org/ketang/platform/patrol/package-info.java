/**
 * Patrol (督导巡课): a wall of live classrooms for leaders — filtered by school, building, grade, subject or what the
 * timetable says is being taught now — and patrol notes: a note and/or a score for a lesson seen (a classroom, a date
 * and a period), reported per school or per teacher. School leaders patrol their school, district supervisors every
 * school. The video itself is the live module's ({@code /api/v1/live/channels/{id}/playback}).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "identity", "http", "organization", "live" })
package org.ketang.platform.patrol;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
