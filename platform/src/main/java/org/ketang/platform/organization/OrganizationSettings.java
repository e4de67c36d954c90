package org.ketang.platform.organization;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the organization module.
 *
 * @param zone the time zone in which bell schedules and term dates are read (default Asia/Shanghai)
 */
@ConfigurationProperties("ketang.organization")
public record OrganizationSettings(ZoneId zone) {

    public OrganizationSettings(@Nullable ZoneId zone) {
        this.zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    }
}
