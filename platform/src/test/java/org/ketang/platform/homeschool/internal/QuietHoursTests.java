package org.ketang.platform.homeschool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;

import org.junit.jupiter.api.Test;

class QuietHoursTests {

    static boolean quiet(String start, String end, String now) {
        return Chats.quiet(LocalTime.parse(start), LocalTime.parse(end), LocalTime.parse(now));
    }

    @Test
    void quietHoursOverMidnightCoverTheEveningAndTheEarlyMorning() {
        assertThat(quiet("21:00", "07:00", "22:30")).isTrue();
        assertThat(quiet("21:00", "07:00", "06:59")).isTrue();
        assertThat(quiet("21:00", "07:00", "07:00")).isFalse();
        assertThat(quiet("21:00", "07:00", "12:00")).isFalse();
    }

    @Test
    void quietHoursWithinADay() {
        assertThat(quiet("12:00", "14:00", "13:00")).isTrue();
        assertThat(quiet("12:00", "14:00", "14:00")).isFalse();
        assertThat(quiet("12:00", "12:00", "12:00")).isFalse();
    }
}
