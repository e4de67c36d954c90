package org.ketang.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleCalendarTests {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void whatIsWrittenIsReadBackTheSame() {
        List<ScheduleEntry> entries = List.of(
                new ScheduleEntry("tt-3-2026-11-24-2", Instant.parse("2026-11-24T00:55:00Z"),
                        Instant.parse("2026-11-24T01:40:00Z"), "七年级1班 数学 第2节, 王芳; 公开课", true,
                        ScheduleEntry.Kind.TIMETABLE, "第一行\n第二行 \\ 反斜杠"),
                new ScheduleEntry("bk-7", Instant.parse("2026-11-24T06:00:00Z"), Instant.parse("2026-11-24T06:45:00Z"),
                        "Open lesson", false, ScheduleEntry.Kind.BOOKING, null));

        String text = ScheduleCalendar.write(entries, NOW);

        assertThat(ScheduleCalendar.read(text)).isEqualTo(entries);
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").contains("DTSTART:20261124T005500Z\r\n")
                .contains("X-KETANG-LIVE:TRUE").contains("X-KETANG-KIND:BOOKING");
    }

    @Test
    void longChineseLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String title = "很长的标题".repeat(12);
        String text = ScheduleCalendar.write(List.of(new ScheduleEntry("u", NOW, NOW.plusSeconds(60), title, false,
                ScheduleEntry.Kind.BOOKING, null)), NOW);

        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(ScheduleCalendar.read(text).get(0).title()).isEqualTo(title);
    }

    @Test
    void anEmptyScheduleIsAValidCalendar() {
        assertThat(ScheduleCalendar.read(ScheduleCalendar.write(List.of(), NOW))).isEmpty();
    }

    @Test
    void foreignOrBrokenInputIsRejectedClearly() {
        assertThatThrownBy(() -> ScheduleCalendar.read("<html>")).hasMessageContaining("Not an iCalendar");
        assertThatThrownBy(() -> ScheduleCalendar.read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261124T080000\n"
                + "DTEND:20261124T090000Z\nEND:VEVENT\nEND:VCALENDAR\n")).hasMessageContaining("not UTC");
        assertThatThrownBy(() -> ScheduleCalendar.read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VEVENT\n"))
                .hasMessageContaining("DTSTART");
    }

    @Test
    void anEntryCoversItsStartButNotItsEnd() {
        ScheduleEntry e = new ScheduleEntry("u", NOW, NOW.plusSeconds(60), "t", false, ScheduleEntry.Kind.BOOKING, null);
        assertThat(e.covers(NOW)).isTrue();
        assertThat(e.covers(NOW.plusSeconds(59))).isTrue();
        assertThat(e.covers(NOW.plusSeconds(60))).isFalse();
        assertThatThrownBy(() -> new ScheduleEntry("u", NOW, NOW, "t", false, ScheduleEntry.Kind.BOOKING, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
