package org.ketang.e2e;

import java.util.List;

/** Nearest-rank percentiles of a set of latencies in milliseconds. */
record Percentiles(int count, long p50, long p95, long min, long max) {

    static Percentiles of(List<Long> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Long> sorted = values.stream().sorted().toList();
        return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 95), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    String seconds() {
        return String.format("p50 %.2f s, p95 %.2f s (n = %d, %.2f–%.2f s)", p50 / 1000.0, p95 / 1000.0, count,
                min / 1000.0, max / 1000.0);
    }
}
