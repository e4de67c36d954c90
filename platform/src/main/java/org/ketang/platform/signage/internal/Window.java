package org.ketang.platform.signage.internal;

import java.time.Instant;

/** A span of time, start inclusive, end exclusive. */
public record Window(Instant start, Instant end) {

    public Window {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a window must not end before it starts");
        }
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    public Window clip(Window to) {
        Instant s = start.isAfter(to.start) ? start : to.start;
        Instant e = end.isBefore(to.end) ? end : to.end;
        return new Window(s, e.isBefore(s) ? s : e);
    }

    public boolean isEmpty() {
        return !start.isBefore(end);
    }
}
