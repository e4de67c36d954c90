package org.ketang.recorder.capture;

import java.util.Random;

/**
 * Speech-like sound for the synthetic classroom: phrases of syllables (a voiced buzz at 110–220 Hz shaped by two
 * formants, with a short noisy onset) separated by pauses, over faint room noise and mains hum, so that noise
 * reduction and loudness normalisation have something real to do. Around each {@link SyncMarks} mark the voice
 * pauses and a 1 kHz tone sounds. Mono, 48 kHz, signed 16-bit little-endian.
 */
final class SyntheticSpeech {

    static final int RATE = 48_000;
    private static final int HARMONICS = 16;
    /** The voice is quiet this many samples before and after a mark's onset, so the tone stands alone. */
    private static final int QUIET_BEFORE = RATE * 3 / 10;
    private static final int QUIET_AFTER = RATE * 4 / 10;
    private static final int RAMP = RATE / 100;

    private final SyncMarks marks;
    private final Random random = new Random(20261124);
    private final double[] phases = new double[HARMONICS];
    private long index;

    private long syllableStart;
    private long syllableEnd;
    private double f0Start = 160;
    private double f0End = 150;
    private double formant1 = 600;
    private double formant2 = 1600;
    private int syllablesLeft;
    private double beepPhase;

    SyntheticSpeech(SyncMarks marks) {
        this.marks = marks;
    }

    /** Fills {@code out} with the next {@code out.length / 2} samples as s16le bytes. */
    void fill(byte[] out) {
        for (int i = 0; i + 1 < out.length; i += 2) {
            int sample = (int) Math.round(Math.max(-1, Math.min(1, next())) * 32767);
            out[i] = (byte) sample;
            out[i + 1] = (byte) (sample >> 8);
        }
    }

    private double next() {
        long n = index++;
        if (n >= syllableEnd) {
            plan(n);
        }
        double voice = 0;
        if (n >= syllableStart && n < syllableEnd) {
            double progress = (double) (n - syllableStart) / (syllableEnd - syllableStart);
            double envelope = Math.pow(Math.sin(Math.PI * progress), 1.5);
            double f0 = f0Start + (f0End - f0Start) * progress;
            for (int h = 0; h < HARMONICS; h++) {
                double f = f0 * (h + 1);
                phases[h] += 2 * Math.PI * f / RATE;
                if (phases[h] > 2 * Math.PI) {
                    phases[h] -= 2 * Math.PI;
                }
                double weight = Math.exp(-Math.pow((f - formant1) / 180, 2))
                        + 0.5 * Math.exp(-Math.pow((f - formant2) / 260, 2)) + 0.04;
                voice += weight * Math.sin(phases[h]) / (h + 1);
            }
            double onset = progress < 0.12 ? (random.nextDouble() * 2 - 1) * 0.5 * (1 - progress / 0.12) : 0;
            voice = envelope * (0.35 * voice + 0.15 * onset);
        }
        voice *= voiceGate(n);
        double room = (random.nextDouble() * 2 - 1) * 0.0025 + 0.0015 * Math.sin(2 * Math.PI * 50 * n / RATE);
        double beep = 0;
        long sinceMark = marks.samplesSinceMark(n, RATE);
        if (sinceMark >= 0 && sinceMark < (long) SyncMarks.BEEP_MILLIS * RATE / 1000) {
            beepPhase += 2 * Math.PI * SyncMarks.BEEP_HZ / RATE;
            beep = 0.5 * Math.sin(beepPhase);
        } else {
            beepPhase = 0;
        }
        return voice + room + beep;
    }

    /** 0 near a mark (with short ramps), else 1. */
    private double voiceGate(long n) {
        long toNext = marks.samplesToNextMark(n, RATE);
        if (toNext <= QUIET_BEFORE) {
            return Math.max(0, (double) (toNext - (QUIET_BEFORE - RAMP)) / RAMP);
        }
        long since = marks.samplesSinceMark(n, RATE);
        if (since >= 0 && since < QUIET_AFTER + RAMP) {
            return Math.max(0, (double) (since - QUIET_AFTER) / RAMP);
        }
        return 1;
    }

    private void plan(long n) {
        if (syllablesLeft <= 0) {
            // a pause between phrases
            long pause = (long) (RATE * (0.25 + random.nextDouble() * 0.5));
            syllablesLeft = 3 + random.nextInt(8);
            syllableStart = n + pause;
        } else {
            syllableStart = n + (long) (RATE * (0.02 + random.nextDouble() * 0.04));
        }
        syllablesLeft--;
        syllableEnd = syllableStart + (long) (RATE * (0.12 + random.nextDouble() * 0.16));
        f0Start = 110 + random.nextDouble() * 110;
        f0End = f0Start * (0.85 + random.nextDouble() * 0.3);
        formant1 = 300 + random.nextDouble() * 550;
        formant2 = 900 + random.nextDouble() * 1500;
    }
}
