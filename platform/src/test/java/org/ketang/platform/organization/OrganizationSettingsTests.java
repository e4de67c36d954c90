package org.ketang.platform.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class OrganizationSettingsTests {

    @Test
    void timetablesAreReadInBeijingTimeUnlessConfigured() {
        assertThat(new OrganizationSettings(null).zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(new OrganizationSettings(ZoneId.of("Asia/Urumqi")).zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    }
}
