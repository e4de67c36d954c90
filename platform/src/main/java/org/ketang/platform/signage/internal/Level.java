package org.ketang.platform.signage.internal;

/**
 * How strongly something claims a screen, strongest first: emergency > forced > scheduled > default loop.
 * Only {@link #EMERGENCY} and {@link #FORCED} play during a lesson.
 */
public enum Level {
    /** An emergency push (紧急): interrupts everything, lessons included. */
    EMERGENCY,
    /** Forced (强制): an assembly broadcast; plays during lessons. */
    FORCED,
    /** An ordinary scheduled item: only outside lesson periods. */
    SCHEDULED,
    /** The default loop: fills the time nothing else claims, outside lesson periods. */
    DEFAULT;

    public boolean playsDuringLessons() {
        return this == EMERGENCY || this == FORCED;
    }
}
