package org.ketang.platform.devices.internal;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watches for devices that stopped heartbeating: after {@link DeviceSettings#missedHeartbeats()} missed beats a
 * device gets an OFFLINE alert (source PLATFORM), resolved by the sweep after it beats again. The online flag the
 * console shows is computed on read; this sweep only keeps the alert log honest.
 */
@Component
public class OfflineWatch {

    private static final Logger log = LoggerFactory.getLogger(OfflineWatch.class);

    private final Alerts alerts;
    private final DeviceSettings settings;
    private final Clock clock = Clock.systemUTC();

    OfflineWatch(Alerts alerts, DeviceSettings settings) {
        this.alerts = alerts;
        this.settings = settings;
    }

    /** One sweep (scheduled every {@code ketang.devices.offline-sweep-every}). */
    @Scheduled(initialDelayString = "${ketang.devices.offline-sweep-every:5s}",
            fixedDelayString = "${ketang.devices.offline-sweep-every:5s}")
    @Transactional
    public Alerts.Sweep sweep() {
        Instant now = clock.instant();
        Alerts.Sweep sweep = alerts.sweepOffline(now.minus(settings.offlineAfter()), now, settings.offlineAfter());
        if (!sweep.wentOffline().isEmpty() || sweep.cameBack() > 0) {
            log.info("Devices offline: {} went offline {}, {} came back", sweep.wentOffline().size(),
                    sweep.wentOffline(), sweep.cameBack());
        }
        return sweep;
    }
}
