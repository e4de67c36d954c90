package org.ketang.platform.contests.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.contests.internal.Contest.Round;
import org.ketang.platform.contests.internal.Contest.RoundState;
import org.ketang.platform.contests.internal.Standings.Award;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.library.LessonGrants;
import org.ketang.platform.library.Visibility;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A round's results: standings per subject from the handed-in scorecards, awards by rule or by hand, publication
 * (which opens the awarded lessons to the showcase's audience through the library) and the showcase itself.
 */
@Service
@Transactional
public class Results {

    private final Entries entries;
    private final Contests contests;
    private final LessonGrants grants;

    Results(Entries entries, Contests contests, LessonGrants grants) {
        this.entries = entries;
        this.contests = contests;
        this.grants = grants;
    }

    /** One entry's line in the results. */
    public record Line(Entries.Entry entry, Standings.Place place) {
    }

    /** The standings of a round per subject id, best first. */
    @Transactional(readOnly = true)
    public Map<Long, List<Line>> standings(Contest contest, Round round) {
        Map<Long, List<Entries.Entry>> bySubject = new LinkedHashMap<>();
        for (Entries.Entry e : entries.entries(round.id())) {
            bySubject.computeIfAbsent(e.submission().subjectId(), k -> new ArrayList<>()).add(e);
        }
        Map<Long, List<Line>> standings = new LinkedHashMap<>();
        bySubject.forEach((subject, list) -> {
            Map<Long, Entries.Entry> byId = new LinkedHashMap<>();
            list.forEach(e -> byId.put(e.id(), e));
            List<Standings.Scored> scored = list.stream().map(e -> new Standings.Scored(e.id(), e.assignments().stream()
                    .filter(a -> a.submittedAt() != null && a.total() != null).map(a -> Objects.requireNonNull(a.total()))
                    .toList())).toList();
            standings.put(subject, Standings.rank(scored, contest.dropExtremes()).stream()
                    .map(p -> new Line(Objects.requireNonNull(byId.get(p.entryId())), p)).toList());
        });
        return standings;
    }

    /** Awards every subject of the round by rule (percentages of scored entries); awards set by hand stay. */
    public void awardByRule(Contest contest, Round round, int first, int second, int third) {
        requireJudging(round);
        for (List<Line> lines : standings(contest, round).values()) {
            List<@Nullable Award> awards = Standings.byRule(lines.stream().map(Line::place).toList(), first, second,
                    third);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).entry().awardByHand()) {
                    entries.award(lines.get(i).entry().id(), awards.get(i), false);
                }
            }
        }
    }

    /** Sets an entry's award by hand (null removes it). */
    public void award(Contest contest, Entries.Entry entry, @Nullable Award award) {
        requireJudging(contest.round(entry.roundId()));
        entries.award(entry.id(), award, true);
    }

    /** Publishes the round: results become visible, awarded lessons open to the showcase's audience. */
    public void publish(Contest contest, Round round) {
        contests.advance(round, RoundState.PUBLISHED);
        Visibility audience = contest.showcase() == Contest.Audience.PUBLIC ? Visibility.PUBLIC : Visibility.DISTRICT;
        for (Entries.Entry e : entries.entries(round.id())) {
            if (e.award() != null) {
                grants.widen(e.submission().lessonId(), audience);
            }
        }
    }

    private static void requireJudging(Round round) {
        if (round.state() != RoundState.JUDGING) {
            throw new ApiProblem(HttpStatus.CONFLICT, "round-state", "只有评审中的轮次可以评奖",
                    "Awards are given while the round is being judged");
        }
    }
}
