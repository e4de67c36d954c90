package org.ketang.platform.organization.internal;

import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a weekday as people write it in a timetable: 周一, 星期一, 一, 1, Mon, Monday. */
public final class Weekdays {

    private static final Map<String, DayOfWeek> CHINESE = Map.of("一", DayOfWeek.MONDAY, "二", DayOfWeek.TUESDAY,
            "三", DayOfWeek.WEDNESDAY, "四", DayOfWeek.THURSDAY, "五", DayOfWeek.FRIDAY, "六", DayOfWeek.SATURDAY,
            "日", DayOfWeek.SUNDAY, "天", DayOfWeek.SUNDAY, "七", DayOfWeek.SUNDAY);

    private Weekdays() {
    }

    public static Optional<DayOfWeek> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.matches("[1-7]")) {
            return Optional.of(DayOfWeek.of(Integer.parseInt(t)));
        }
        for (String prefix : new String[] { "星期", "周", "礼拜" }) {
            if (t.startsWith(prefix)) {
                t = t.substring(prefix.length());
                break;
            }
        }
        if (CHINESE.containsKey(t)) {
            return Optional.of(CHINESE.get(t));
        }
        if (t.length() >= 3) {
            for (DayOfWeek day : DayOfWeek.values()) {
                String name = day.name().toLowerCase(Locale.ROOT);
                if (name.startsWith(t.replace(".", "")) && t.replace(".", "").length() >= 3) {
                    return Optional.of(day);
                }
            }
        }
        return Optional.empty();
    }
}
