/**
 * Classroom signage (微媒体发布): content, schedules and pushes for the display in every classroom, resolved per
 * screen with the classroom's timetable (ordinary items never disturb a lesson), delivered to the {@code /display}
 * player page by server-sent events. Displays pair through the devices module's
 * {@link org.ketang.platform.devices.DeviceEnrollment}. Live channels come from whoever implements
 * {@link org.ketang.platform.signage.LiveChannels}.
 */
@NullMarked
package org.ketang.platform.signage;

import org.jspecify.annotations.NullMarked;
