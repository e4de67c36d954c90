package org.ketang.platform.devices.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes commands whose time ran out and purges old health samples ({@code ketang.devices.housekeeping-every}). */
@Component
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final Commands commands;
    private final StatusBoard board;
    private final DeviceSettings settings;

    Housekeeping(Commands commands, StatusBoard board, DeviceSettings settings) {
        this.commands = commands;
        this.board = board;
        this.settings = settings;
    }

    @Scheduled(initialDelayString = "${ketang.devices.housekeeping-every:1m}",
            fixedDelayString = "${ketang.devices.housekeeping-every:1m}")
    void sweep() {
        int expired = commands.expire();
        int purged = board.purgeSamples(Instant.now().minus(settings.healthRetention()));
        if (expired > 0 || purged > 0) {
            log.info("Devices housekeeping: {} commands expired, {} health samples purged", expired, purged);
        }
    }
}
