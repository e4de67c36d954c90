package org.ketang.platform.organization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WeekdaysTests {

    @ParameterizedTest
    @CsvSource({ "周一,MONDAY", "星期二,TUESDAY", "三,WEDNESDAY", "4,THURSDAY", "Fri,FRIDAY", "saturday,SATURDAY",
            "周日,SUNDAY", "星期天,SUNDAY", "7,SUNDAY", "Mon.,MONDAY" })
    void readsWeekdaysAsPeopleWriteThem(String text, DayOfWeek day) {
        assertThat(Weekdays.parse(text)).contains(day);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "0", "8", "周八", "Mo", "someday" })
    void rejectsWhatIsNoWeekday(String text) {
        assertThat(Weekdays.parse(text)).isEmpty();
    }
}
