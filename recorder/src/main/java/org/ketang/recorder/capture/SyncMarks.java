package org.ketang.recorder.capture;

/**
 * When the synthetic classroom flashes and beeps: at every multiple of {@code everySeconds} after the feed started
 * (not at 0), a white square in the top-right corner for {@link #FLASH_MILLIS} and a 1 kHz tone for
 * {@link #BEEP_MILLIS} begin at the same instant. Comparing the two in a recording measures A/V sync.
 *
 * @param everySeconds seconds between marks; 0 for none
 */
public record SyncMarks(int everySeconds) {

    /** How long the square stays white. */
    public static final int FLASH_MILLIS = 120;
    /** How long the tone lasts. */
    public static final int BEEP_MILLIS = 100;
    /** Tone frequency. */
    public static final int BEEP_HZ = 1000;

    /** Whether video frame {@code index} at {@code fps} shows the flash. */
    public boolean flashing(long index, int fps) {
        if (everySeconds <= 0) {
            return false;
        }
        long period = (long) everySeconds * fps;
        long sinceMark = index % period;
        return index >= period && sinceMark * 1000 < (long) FLASH_MILLIS * fps;
    }

    /** Samples since the last mark began for sample {@code index} at {@code rate}, or -1 before the first mark. */
    long samplesSinceMark(long index, int rate) {
        if (everySeconds <= 0) {
            return -1;
        }
        long period = (long) everySeconds * rate;
        return index >= period ? index % period : -1;
    }

    /** Samples until the next mark for sample {@code index} at {@code rate}, or Long.MAX_VALUE when none. */
    long samplesToNextMark(long index, int rate) {
        if (everySeconds <= 0) {
            return Long.MAX_VALUE;
        }
        long period = (long) everySeconds * rate;
        return period - index % period;
    }
}
