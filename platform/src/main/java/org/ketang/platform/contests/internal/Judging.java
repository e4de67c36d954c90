package org.ketang.platform.contests.internal;

import static org.ketang.platform.contests.internal.Contests.at;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ketang.platform.contests.internal.Contest.RoundState;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.observation.Rubric;
import org.ketang.platform.observation.Rubrics;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A judge's work on one entry: the rubric scorecard (totals out of 100 by the observation module's {@link Rubric}),
 * handed in when complete, and time-coded comments while watching; a published comment appears on the showcase.
 * Scoring needs the round to be JUDGING (409 {@code round-state} otherwise).
 */
@Service
@Transactional
public class Judging {

    private final JdbcClient jdbc;
    private final Rubrics rubrics;
    private final Contests contests;

    Judging(JdbcClient jdbc, Rubrics rubrics, Contests contests) {
        this.jdbc = jdbc;
        this.rubrics = rubrics;
        this.contests = contests;
    }

    public record Comment(long id, long assignmentId, long offsetMs, String body, boolean published, Instant createdAt) {
    }

    /** The judge's scores (criterion id → score), empty before the first save. */
    @Transactional(readOnly = true)
    public Map<Long, BigDecimal> scores(long assignmentId) {
        Map<Long, BigDecimal> scores = new LinkedHashMap<>();
        jdbc.sql("select criterion_id, score from ctst_score where assignment_id = ? order by criterion_id")
                .param(assignmentId).query(rs -> {
                    scores.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        return scores;
    }

    /**
     * Saves a full scorecard; {@code handIn} hands it in (counted in the results, no longer reassignable).
     *
     * @return the weighted total out of 100
     */
    public BigDecimal score(Contest contest, Entries.Entry entry, Entries.Assignment assignment,
            Map<Long, BigDecimal> scores, boolean handIn) {
        requireJudging(contest, entry);
        Rubric rubric = rubrics.find(contest.rubricId()).orElseThrow();
        String[] problem = rubric.problemWithScores(scores);
        if (problem != null) {
            throw ApiProblem.invalid(problem[0], problem[1]);
        }
        BigDecimal total = rubric.total(scores);
        jdbc.sql("delete from ctst_score where assignment_id = ?").param(assignment.id()).update();
        scores.forEach((criterion, score) -> jdbc
                .sql("insert into ctst_score (assignment_id, criterion_id, score) values (?, ?, ?)")
                .params(assignment.id(), criterion, score).update());
        OffsetDateTime now = at(contests.now());
        jdbc.sql("update ctst_assignment set total = ?, scored_at = ?, submitted_at = ? where id = ?")
                .params(total, now, handIn ? now : assignment.submittedAt() == null ? null : at(assignment.submittedAt()),
                        assignment.id())
                .update();
        return total;
    }

    public Comment comment(Contest contest, Entries.Entry entry, Entries.Assignment assignment, long offsetMs,
            String body, boolean published) {
        requireJudging(contest, entry);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ctst_comment (assignment_id, offset_ms, body, published, created_at)
                values (?, ?, ?, ?, ?)""").params(assignment.id(), offsetMs, body.strip(), published,
                at(contests.now())).update(key, "id");
        long id = Objects.requireNonNull(key.getKey()).longValue();
        return comments("where c.id = :id", Map.of("id", id)).get(0);
    }

    /** Deletes one of the judge's comments while the round is being judged. */
    public void deleteComment(Contest contest, Entries.Entry entry, Entries.Assignment assignment, long commentId) {
        requireJudging(contest, entry);
        int gone = jdbc.sql("delete from ctst_comment where id = ? and assignment_id = ?")
                .params(commentId, assignment.id()).update();
        if (gone == 0) {
            throw ApiProblem.notFound("评语", "Comment");
        }
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(long assignmentId) {
        return comments("where c.assignment_id = :a", Map.of("a", assignmentId));
    }

    /** The published comments of an entry's judges, in time order. */
    @Transactional(readOnly = true)
    public List<Comment> publishedComments(long entryId) {
        return comments("""
                join ctst_assignment a on a.id = c.assignment_id where a.entry_id = :e and c.published = true""",
                Map.of("e", entryId));
    }

    private List<Comment> comments(String where, Map<String, Object> params) {
        return jdbc.sql("select c.* from ctst_comment c " + where + " order by c.offset_ms, c.id").params(params)
                .query((rs, n) -> new Comment(rs.getLong("id"), rs.getLong("assignment_id"), rs.getLong("offset_ms"),
                        rs.getString("body"), rs.getBoolean("published"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant())).list();
    }

    private static void requireJudging(Contest contest, Entries.Entry entry) {
        if (contest.round(entry.roundId()).state() != RoundState.JUDGING) {
            throw new ApiProblem(HttpStatus.CONFLICT, "round-state", "本轮不在评审阶段", "The round is not being judged");
        }
    }
}
