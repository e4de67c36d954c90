package org.ketang.platform.observation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A rubric (评价量表): criteria with weights and a maximum score each. The weighted total of a scorecard is out of
 * 100: each criterion counts {@code score / maxScore} of its weight. A rubric that scored something is never changed
 * (a revision is a new version of the same family), so old totals keep their meaning.
 *
 * @param familyId the first version's id (all versions of one rubric share it)
 * @param used     some scorecard used it: it is frozen
 * @param retired  replaced by a newer version or withdrawn: not offered for new scorecards
 */
public record Rubric(long id, long familyId, int version, String name, String description, List<Criterion> criteria,
        boolean used, boolean retired, Instant createdAt) {

    public Rubric {
        criteria = List.copyOf(criteria);
    }

    /** One criterion (评价指标). */
    public record Criterion(long id, String name, String description, int weight, int maxScore) {
    }

    /** A criterion as an admin writes it, before it has an id. */
    public record Draft(String name, String description, int weight, int maxScore) {
    }

    /** The limits of a rubric's shape, checked before it is stored. */
    public static final int MAX_CRITERIA = 30;

    /**
     * Whether these criteria make a rubric: 1 to {@value #MAX_CRITERIA} criteria with distinct names, weights 1–100,
     * maximum scores 1–100.
     *
     * @return the first problem as {zh, en}, or null when there is none
     */
    public static String @Nullable [] problemWith(List<Draft> criteria) {
        if (criteria.isEmpty() || criteria.size() > MAX_CRITERIA) {
            return new String[] { "评价量表需要 1 到 " + MAX_CRITERIA + " 项指标",
                    "A rubric needs 1 to " + MAX_CRITERIA + " criteria" };
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Draft d : criteria) {
            if (d.name().isBlank() || !names.add(d.name().strip())) {
                return new String[] { "指标名称不能为空或重复：" + d.name(), "Criterion names must be unique and not blank: " + d.name() };
            }
            if (d.weight() < 1 || d.weight() > 100 || d.maxScore() < 1 || d.maxScore() > 100) {
                return new String[] { "指标「" + d.name() + "」的权重和满分应在 1–100 之间",
                        "Weight and maximum score of \"" + d.name() + "\" must be 1–100" };
            }
        }
        return null;
    }

    /**
     * Checks a full set of scores (criterion id → score) against the rubric: every criterion scored once, each score
     * between 0 and its maximum.
     *
     * @return the first problem as {zh, en}, or null when the scores fit
     */
    public String @Nullable [] problemWithScores(Map<Long, BigDecimal> scores) {
        for (Long id : scores.keySet()) {
            if (criteria.stream().noneMatch(c -> c.id() == id)) {
                return new String[] { "指标 " + id + " 不属于该评价量表", "Criterion " + id + " is not in this rubric" };
            }
        }
        for (Criterion c : criteria) {
            BigDecimal score = scores.get(c.id());
            if (score == null) {
                return new String[] { "请为「" + c.name() + "」打分", "Score \"" + c.name() + "\"" };
            }
            if (score.signum() < 0 || score.compareTo(BigDecimal.valueOf(c.maxScore())) > 0) {
                return new String[] { "「" + c.name() + "」的得分应在 0–" + c.maxScore() + " 之间",
                        "The score of \"" + c.name() + "\" must be 0–" + c.maxScore() };
            }
        }
        return null;
    }

    /** The weighted total out of 100 (two decimals) of a full set of scores that fits the rubric. */
    public BigDecimal total(Map<Long, BigDecimal> scores) {
        BigDecimal weighted = BigDecimal.ZERO;
        int weights = 0;
        for (Criterion c : criteria) {
            BigDecimal score = scores.getOrDefault(c.id(), BigDecimal.ZERO);
            weighted = weighted.add(score.multiply(BigDecimal.valueOf(c.weight()))
                    .divide(BigDecimal.valueOf(c.maxScore()), 10, RoundingMode.HALF_UP));
            weights += c.weight();
        }
        return weighted.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(weights), 2, RoundingMode.HALF_UP);
    }
}
