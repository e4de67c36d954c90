package org.ketang.platform.devices.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the devices module ({@code ketang.devices.*}).
 *
 * @param heartbeatSeconds    how often agents heartbeat (told on enrollment and in every reply)
 * @param missedHeartbeats    a device is offline when it missed this many heartbeats in a row
 * @param healthSampleEvery   at most one health sample per device in this time (the charts need minutes, not
 *                            seconds: 5,000 agents beating every 5 s would write 86 million rows a day)
 * @param healthRetention     how long health samples are kept
 * @param commandLifetime     how long a command waits for its agent before it expires, unless the request says
 * @param maxWaitSeconds      the longest long-poll on {@code /commands}
 * @param scheduleDays        how many days after today the timetable part of a schedule covers
 * @param scheduleCacheTtl    how long a computed schedule ETag is reused on heartbeats before the timetable is read
 *                            again (bookings and classroom settings changed on this node refresh it at once)
 * @param housekeepingEvery   how often expired commands are closed and old health samples purged
 * @param offlineSweepEvery   how often the platform looks for devices that went offline (raising OFFLINE alerts) or
 *                            came back (resolving them)
 * @param powerPlanEvery      how often power plans are checked for an on or off time that has come
 * @param wakeOnLanPort       the UDP port of Wake-on-LAN magic packets (9, the discard port, is usual; 7 and 0 too)
 * @param wakeOnLanBroadcast  where the platform sends its magic packets instead of the room's subnet broadcast
 *                            address (computed from the IP and netmask the device last reported); e.g. a directed
 *                            broadcast router, or 127.0.0.1 in tests
 */
@ConfigurationProperties("ketang.devices")
public record DeviceSettings(@DefaultValue("5") int heartbeatSeconds, @DefaultValue("3") int missedHeartbeats,
        @DefaultValue("1m") Duration healthSampleEvery, @DefaultValue("7d") Duration healthRetention,
        @DefaultValue("10m") Duration commandLifetime, @DefaultValue("30") int maxWaitSeconds,
        @DefaultValue("7") int scheduleDays, @DefaultValue("30s") Duration scheduleCacheTtl,
        @DefaultValue("1m") Duration housekeepingEvery, @DefaultValue("5s") Duration offlineSweepEvery,
        @DefaultValue("30s") Duration powerPlanEvery, @DefaultValue("9") int wakeOnLanPort,
        @Nullable String wakeOnLanBroadcast) {

    /** A device last seen longer ago than this is offline. */
    public Duration offlineAfter() {
        return Duration.ofSeconds((long) heartbeatSeconds * missedHeartbeats);
    }
}
