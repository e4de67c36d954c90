package org.ketang.platform.contests.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The results of one subject in one round: each entry's average of its judges' totals (without the highest and the
 * lowest when the contest says so and at least three judges scored), ranked best first (equal averages share a rank),
 * and awards by rule — the top {@code first}% 一等奖, down to {@code first + second}% 二等奖, down to
 * {@code first + second + third}% 三等奖 — where an entry tied with an awarded one gets the same award.
 */
public final class Standings {

    private Standings() {
    }

    /** Awards, best first; stored by name. */
    public enum Award {
        FIRST, SECOND, THIRD
    }

    /** An entry's handed-in totals. */
    public record Scored(long entryId, List<BigDecimal> totals) {
    }

    /** An entry's place: {@code average} is null while no judge handed in a scorecard. */
    public record Place(long entryId, @Nullable BigDecimal average, int scorecards, int rank) {
    }

    /** The average of totals (two decimals), dropping one highest and one lowest when asked and there are ≥ 3. */
    public static @Nullable BigDecimal average(List<BigDecimal> totals, boolean dropExtremes) {
        if (totals.isEmpty()) {
            return null;
        }
        List<BigDecimal> kept = new ArrayList<>(totals);
        kept.sort(Comparator.naturalOrder());
        if (dropExtremes && kept.size() >= 3) {
            kept = kept.subList(1, kept.size() - 1);
        }
        BigDecimal sum = kept.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(kept.size()), 2, RoundingMode.HALF_UP);
    }

    /** Ranks entries by average, best first; unscored entries come last with rank 0. */
    public static List<Place> rank(List<Scored> entries, boolean dropExtremes) {
        List<Place> places = new ArrayList<>();
        for (Scored s : entries) {
            places.add(new Place(s.entryId(), average(s.totals(), dropExtremes), s.totals().size(), 0));
        }
        places.sort(Comparator.comparing(Place::average, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Place::entryId));
        List<Place> ranked = new ArrayList<>();
        for (int i = 0; i < places.size(); i++) {
            Place p = places.get(i);
            int rank = 0;
            if (p.average() != null) {
                rank = i > 0 && p.average().compareTo(places.get(i - 1).average() == null ? BigDecimal.ZERO
                        : places.get(i - 1).average()) == 0 ? ranked.get(i - 1).rank() : i + 1;
            }
            ranked.add(new Place(p.entryId(), p.average(), p.scorecards(), rank));
        }
        return ranked;
    }

    /**
     * Awards by rule over ranked places: an entry of rank r among n scored entries gets 一等奖 when
     * {@code r ≤ round(n × first%)} (at least 1 when {@code first > 0}), 二等奖 when {@code r ≤ round(n × (first +
     * second)%)}, and so on; entries of equal average share a rank and so the award.
     *
     * @return the award per place (same order), null for none
     */
    public static List<@Nullable Award> byRule(List<Place> ranked, int firstPercent, int secondPercent,
            int thirdPercent) {
        long scored = ranked.stream().filter(p -> p.average() != null).count();
        int[] limits = { cut(scored, firstPercent), cut(scored, firstPercent + secondPercent),
                cut(scored, firstPercent + secondPercent + thirdPercent) };
        List<@Nullable Award> awards = new ArrayList<>();
        for (Place p : ranked) {
            Award award = null;
            if (p.rank() > 0) {
                for (int level = 0; level < 3; level++) {
                    if (p.rank() <= limits[level]) {
                        award = Award.values()[level];
                        break;
                    }
                }
            }
            awards.add(award);
        }
        return awards;
    }

    /** How many places a cumulative percentage covers: rounded half up, at least one when the percentage is > 0. */
    static int cut(long scored, int percent) {
        if (percent <= 0 || scored == 0) {
            return 0;
        }
        long places = (scored * percent + 50) / 100;
        return (int) Math.max(1, Math.min(scored, places));
    }
}
