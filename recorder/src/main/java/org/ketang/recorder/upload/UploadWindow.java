package org.ketang.recorder.upload;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * When uploads may run, in local time: {@code 17:00-07:00} (crossing midnight) or {@code 12:00-13:30}; no window
 * means any time. The start is inclusive, the end exclusive.
 *
 * @param from start, or null for "always"
 * @param to   end
 */
public record UploadWindow(@Nullable LocalTime from, @Nullable LocalTime to) {

    /** Uploads at any time. */
    public static final UploadWindow ALWAYS = new UploadWindow(null, null);

    /**
     * Parses {@code HH:mm-HH:mm}; null or blank is {@link #ALWAYS}.
     *
     * @throws IllegalArgumentException when malformed
     */
    public static UploadWindow parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("An upload window looks like 17:00-07:00, not " + text);
        }
        try {
            LocalTime from = LocalTime.parse(parts[0]);
            LocalTime to = LocalTime.parse(parts[1]);
            if (from.equals(to)) {
                return ALWAYS;
            }
            return new UploadWindow(from, to);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("An upload window looks like 17:00-07:00, not " + text, e);
        }
    }

    /** Whether uploads may run at {@code time}. */
    public boolean allows(LocalTime time) {
        if (from == null || to == null) {
            return true;
        }
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to);
        }
        return !time.isBefore(from) || time.isBefore(to);
    }

    /** How long from {@code now} until the window opens (zero when open). */
    public Duration untilOpen(ZonedDateTime now) {
        if (allows(now.toLocalTime()) || from == null) {
            return Duration.ZERO;
        }
        ZonedDateTime opens = now.with(from);
        if (!opens.isAfter(now)) {
            opens = opens.plusDays(1);
        }
        return Duration.between(now, opens);
    }

    /** The window in the form it was given, or "always". */
    @Override
    public String toString() {
        return from == null ? "always" : from + "-" + to;
    }

    /** Convenience: whether {@code instant} in {@code zone} is inside. */
    public boolean allows(java.time.Instant instant, ZoneId zone) {
        return allows(instant.atZone(zone).toLocalTime());
    }
}
