/**
 * Classroom signage (微媒体发布): content, schedules and pushes for the display in every classroom, resolved per
 * screen with the classroom's timetable (ordinary items never disturb a lesson), delivered to the {@code /display}
 * player page by server-sent events. Displays pair through the devices module's
 * {@link org.ketang.platform.devices.DeviceEnrollment}. Uploaded files arrive through ingest (purpose {@code signage});
 * videos are processed by the media module. Live channels come from {@link org.ketang.platform.signage.LiveChannels},
 * implemented with the live module's {@link org.ketang.platform.live.LiveOnScreens}.
 */
@NullMarked
package org.ketang.platform.signage;

import org.jspecify.annotations.NullMarked;
