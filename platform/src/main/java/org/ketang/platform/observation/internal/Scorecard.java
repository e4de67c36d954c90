package org.ketang.platform.observation.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One observer's rubric scores for an observed lesson, with the weighted total out of 100. */
public record Scorecard(long id, long observedId, long rubricId, long observerId, String observerName,
        Map<Long, BigDecimal> scores, BigDecimal total, Instant updatedAt) {
}
