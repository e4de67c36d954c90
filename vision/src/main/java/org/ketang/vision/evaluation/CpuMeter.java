package org.ketang.vision.evaluation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures the CPU time the current thread spends in the analysis, so that frames per second per core leave out
 * rendering or decoding and do not depend on what else runs on the machine. OpenCV must run single-threaded
 * ({@code opencv_core.setNumThreads(1)}) for this to count all of its work.
 */
final class CpuMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long wallNanos;
    private long cpuStart;
    private long wallStart;

    void start() {
        cpuStart = threads.getCurrentThreadCpuTime();
        wallStart = System.nanoTime();
    }

    void stop() {
        cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
        wallNanos += System.nanoTime() - wallStart;
    }

    /** Frames per CPU second. */
    double framesPerCpuSecond(int frames) {
        return cpuNanos == 0 ? Double.NaN : frames / (cpuNanos / 1e9);
    }

    /** Frames per wall-clock second spent in the analysis. */
    double framesPerSecond(int frames) {
        return wallNanos == 0 ? Double.NaN : frames / (wallNanos / 1e9);
    }
}
