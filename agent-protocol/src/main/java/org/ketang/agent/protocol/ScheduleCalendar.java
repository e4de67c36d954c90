package org.ketang.agent.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The device schedule as iCalendar (RFC 5545), written by the platform and read by the agent — one codec, so both
 * sides agree. Times are UTC ({@code 20261124T000000Z}); each entry is a {@code VEVENT} with {@code UID},
 * {@code DTSTART}, {@code DTEND}, {@code SUMMARY}, optional {@code DESCRIPTION}, and the extensions
 * {@code X-KETANG-LIVE:TRUE|FALSE} and {@code X-KETANG-KIND:TIMETABLE|BOOKING}. Lines are folded at 75 octets and
 * text is escaped as the RFC says, so any calendar program can open the file too.
 */
public final class ScheduleCalendar {

    /** Media type of the schedule. */
    public static final String MEDIA_TYPE = "text/calendar; charset=utf-8";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ScheduleCalendar() {
    }

    /** Writes the entries as one {@code VCALENDAR}. */
    public static String write(List<ScheduleEntry> entries, Instant generatedAt) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Ketang//Recording schedule//ZH");
        line(out, "CALSCALE:GREGORIAN");
        for (ScheduleEntry e : entries) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + escape(e.uid()));
            line(out, "DTSTAMP:" + UTC.format(generatedAt));
            line(out, "DTSTART:" + UTC.format(e.start()));
            line(out, "DTEND:" + UTC.format(e.end()));
            line(out, "SUMMARY:" + escape(e.title()));
            if (e.details() != null) {
                line(out, "DESCRIPTION:" + escape(e.details()));
            }
            line(out, "X-KETANG-LIVE:" + (e.live() ? "TRUE" : "FALSE"));
            line(out, "X-KETANG-KIND:" + e.kind().name());
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /**
     * Reads the {@code VEVENT}s of a calendar written by {@link #write} (or any calendar with UTC times).
     *
     * @throws IllegalArgumentException when the text is not a calendar, or an event lacks UID/DTSTART/DTEND or has
     *                                  a time that is not UTC
     */
    public static List<ScheduleEntry> read(String calendar) {
        List<String> lines = unfold(calendar);
        if (lines.isEmpty() || !lines.get(0).equalsIgnoreCase("BEGIN:VCALENDAR")) {
            throw new IllegalArgumentException("Not an iCalendar file");
        }
        List<ScheduleEntry> entries = new ArrayList<>();
        Map<String, String> event = null;
        for (String line : lines) {
            if (line.equalsIgnoreCase("BEGIN:VEVENT")) {
                event = new HashMap<>();
            } else if (line.equalsIgnoreCase("END:VEVENT")) {
                if (event != null) {
                    entries.add(entry(event));
                }
                event = null;
            } else if (event != null) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon);
                    int semicolon = name.indexOf(';');
                    if (semicolon > 0) {
                        name = name.substring(0, semicolon);
                    }
                    event.put(name.toUpperCase(Locale.ROOT), line.substring(colon + 1));
                }
            }
        }
        return List.copyOf(entries);
    }

    private static ScheduleEntry entry(Map<String, String> event) {
        String uid = required(event, "UID");
        String kind = event.getOrDefault("X-KETANG-KIND", "BOOKING").toUpperCase(Locale.ROOT);
        return new ScheduleEntry(unescape(uid), time(required(event, "DTSTART"), uid),
                time(required(event, "DTEND"), uid), unescape(event.getOrDefault("SUMMARY", "")),
                "TRUE".equalsIgnoreCase(event.get("X-KETANG-LIVE")),
                "TIMETABLE".equals(kind) ? ScheduleEntry.Kind.TIMETABLE : ScheduleEntry.Kind.BOOKING,
                event.containsKey("DESCRIPTION") ? unescape(event.get("DESCRIPTION")) : null);
    }

    private static String required(Map<String, String> event, String name) {
        String value = event.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An event has no " + name);
        }
        return value;
    }

    private static Instant time(String value, String uid) {
        try {
            return UTC.parse(value.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Event " + uid + ": time " + value + " is not UTC (yyyyMMddTHHmmssZ)", e);
        }
    }

    private static List<String> unfold(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\r\n|\n|\r", -1)) {
            if ((raw.startsWith(" ") || raw.startsWith("\t")) && !lines.isEmpty()) {
                int last = lines.size() - 1;
                lines.set(last, lines.get(last) + raw.substring(1));
            } else if (!raw.isEmpty()) {
                lines.add(raw);
            }
        }
        return lines;
    }

    /** Appends one content line, folded so that no physical line exceeds 75 octets of UTF-8. */
    private static void line(StringBuilder out, String content) {
        int octets = 0;
        int i = 0;
        while (i < content.length()) {
            int cp = content.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
