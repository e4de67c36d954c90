package org.ketang.platform.organization;

import java.time.LocalTime;

/** One period (节次) of a school day: its number (1 = first lesson) and when it starts and ends. */
public record Period(int no, LocalTime start, LocalTime end) {

    public Period {
        if (no < 1) {
            throw new IllegalArgumentException("period numbers start at 1");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period " + no + " must end after it starts");
        }
    }

    /** Whether {@code time} falls in this period (start inclusive, end exclusive). */
    public boolean contains(LocalTime time) {
        return !time.isBefore(start) && time.isBefore(end);
    }

    boolean overlaps(Period other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
