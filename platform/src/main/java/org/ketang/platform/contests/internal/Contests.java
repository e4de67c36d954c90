package org.ketang.platform.contests.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.contests.internal.Contest.Audience;
import org.ketang.platform.contests.internal.Contest.Round;
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
 * Contests, their rounds and their judges per subject. The rubric a contest names is frozen at once
 * ({@link Rubrics#markUsed}), so a later revision is a new version and never changes what this contest scores with.
 */
@Service
@Transactional
public class Contests {

    private final JdbcClient jdbc;
    private final Rubrics rubrics;
    private final Clock clock = Clock.systemUTC();

    Contests(JdbcClient jdbc, Rubrics rubrics) {
        this.jdbc = jdbc;
        this.rubrics = rubrics;
    }

    /** What an organiser writes: everything of a contest but its id and state. */
    public record Draft(String name, String description, @Nullable Long organiserSchoolId, long rubricId,
            boolean blind, int entriesPerTeacher, int judgesPerEntry, boolean dropExtremes, Instant submitOpensAt,
            Instant submitClosesAt, Audience showcase, List<Long> schoolIds, List<Long> subjectIds,
            List<String> grades, List<String> rounds) {
    }

    /** A judge of a round's subject. */
    public record Judge(long roundId, long subjectId, long userId, @Nullable Long schoolId, String displayName) {
    }

    /** The time rules of contests are checked against (one clock for the module). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public Instant now() {
        return clock.instant();
    }

    public long create(Draft draft, long by) {
        Rubric rubric = usableRubric(draft.rubricId());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into ctst_contest (name, description, organiser_school_id, rubric_id, blind, entries_per_teacher,
                    judges_per_entry, drop_extremes, submit_opens_at, submit_closes_at, showcase, created_by, created_at)
                values (:name, :description, :school, :rubric, :blind, :entries, :judges, :drop, :opens, :closes,
                    :showcase, :by, :at)""")
                .params(columns(draft)).param("rubric", rubric.id()).param("school", draft.organiserSchoolId())
                .param("by", by).param("at", at(clock.instant())).update(key, "id");
        long id = Objects.requireNonNull(key.getKey()).longValue();
        eligibility(id, draft);
        int position = 1;
        for (String round : draft.rounds()) {
            jdbc.sql("insert into ctst_round (contest_id, position, name, state) values (?, ?, ?, 'OPEN')")
                    .params(id, position++, round.strip()).update();
        }
        rubrics.markUsed(rubric.id());
        return id;
    }

    /**
     * Changes a contest. The rubric and the rounds change only while nothing was submitted (409 otherwise); the
     * organiser stays.
     */
    public void update(Contest contest, Draft draft) {
        boolean submitted = jdbc.sql("select count(*) from ctst_submission where contest_id = ?").param(contest.id())
                .query(Integer.class).single() > 0;
        List<String> roundNames = contest.rounds().stream().map(Round::name).toList();
        if (submitted && (draft.rubricId() != contest.rubricId() || !draft.rounds().equals(roundNames))) {
            throw ApiProblem.conflict("已有作品提交，不能再更换评价量表或轮次",
                    "Entries were submitted: the rubric and the rounds can no longer change");
        }
        Rubric rubric = draft.rubricId() == contest.rubricId() ? rubrics.find(contest.rubricId()).orElseThrow()
                : usableRubric(draft.rubricId());
        jdbc.sql("""
                update ctst_contest set name = :name, description = :description, rubric_id = :rubric, blind = :blind,
                    entries_per_teacher = :entries, judges_per_entry = :judges, drop_extremes = :drop,
                    submit_opens_at = :opens, submit_closes_at = :closes, showcase = :showcase where id = :id""")
                .params(columns(draft)).param("rubric", rubric.id()).param("id", contest.id()).update();
        for (String table : List.of("ctst_contest_school", "ctst_contest_subject", "ctst_contest_grade")) {
            jdbc.sql("delete from " + table + " where contest_id = ?").param(contest.id()).update();
        }
        eligibility(contest.id(), draft);
        if (!submitted && !draft.rounds().equals(roundNames)) {
            jdbc.sql("delete from ctst_judge where round_id in (select id from ctst_round where contest_id = ?)")
                    .param(contest.id()).update();
            jdbc.sql("delete from ctst_round where contest_id = ?").param(contest.id()).update();
            int position = 1;
            for (String round : draft.rounds()) {
                jdbc.sql("insert into ctst_round (contest_id, position, name, state) values (?, ?, ?, 'OPEN')")
                        .params(contest.id(), position++, round.strip()).update();
            }
        }
        rubrics.markUsed(rubric.id());
    }

    private Rubric usableRubric(long rubricId) {
        Rubric rubric = rubrics.find(rubricId).orElseThrow(() -> ApiProblem.invalid("评价量表不存在", "No such rubric"));
        if (rubric.retired()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "rubric-retired", "该评价量表已停用", "This rubric is retired");
        }
        return rubric;
    }

    private static Map<String, Object> columns(Draft d) {
        return Map.of("name", d.name().strip(), "description", d.description(), "blind", d.blind(),
                "entries", d.entriesPerTeacher(), "judges", d.judgesPerEntry(), "drop", d.dropExtremes(),
                "opens", at(d.submitOpensAt()), "closes", at(d.submitClosesAt()), "showcase", d.showcase().name());
    }

    private void eligibility(long id, Draft draft) {
        draft.schoolIds().stream().distinct().forEach(s -> jdbc
                .sql("insert into ctst_contest_school (contest_id, school_id) values (?, ?)").params(id, s).update());
        draft.subjectIds().stream().distinct().forEach(s -> jdbc
                .sql("insert into ctst_contest_subject (contest_id, subject_id) values (?, ?)").params(id, s).update());
        draft.grades().stream().map(String::strip).distinct().forEach(g -> jdbc
                .sql("insert into ctst_contest_grade (contest_id, grade_name) values (?, ?)").params(id, g).update());
    }

    @Transactional(readOnly = true)
    public Optional<Contest> find(long id) {
        return load("where c.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Every contest, newest first. */
    @Transactional(readOnly = true)
    public List<Contest> all() {
        return load("", Map.of());
    }

    /** The contest a round belongs to. */
    @Transactional(readOnly = true)
    public Optional<Contest> ofRound(long roundId) {
        return jdbc.sql("select contest_id from ctst_round where id = ?").param(roundId).query(Long.class).optional()
                .flatMap(this::find);
    }

    /** Moves a round to {@code next}; JUDGING needs OPEN, PUBLISHED needs JUDGING (409 otherwise). */
    public void advance(Round round, RoundState next) {
        RoundState needed = next == RoundState.JUDGING ? RoundState.OPEN : RoundState.JUDGING;
        if (round.state() != needed || next == RoundState.OPEN) {
            throw new ApiProblem(HttpStatus.CONFLICT, "round-state", "轮次状态为" + round.state() + "，不能进行此操作",
                    "The round is " + round.state() + ": not possible now");
        }
        jdbc.sql("update ctst_round set state = ?, published_at = ? where id = ?").params(next.name(),
                next == RoundState.PUBLISHED ? at(clock.instant()) : null, round.id()).update();
    }

    /** Replaces the judges of one subject of a round. */
    public void setJudges(long roundId, long subjectId, List<Judge> judges) {
        jdbc.sql("delete from ctst_judge where round_id = ? and subject_id = ?").params(roundId, subjectId).update();
        for (Judge j : judges) {
            jdbc.sql("insert into ctst_judge (round_id, subject_id, user_id, school_id, display_name) values (?, ?, ?, ?, ?)")
                    .params(roundId, subjectId, j.userId(), j.schoolId(), j.displayName()).update();
        }
    }

    @Transactional(readOnly = true)
    public List<Judge> judges(long roundId) {
        return jdbc.sql("select * from ctst_judge where round_id = ? order by subject_id, display_name").param(roundId)
                .query((rs, n) -> new Judge(rs.getLong("round_id"), rs.getLong("subject_id"), rs.getLong("user_id"),
                        rs.getObject("school_id", Long.class), rs.getString("display_name"))).list();
    }

    private List<Contest> load(String where, Map<String, Object> params) {
        record Row(long id, String name, String description, @Nullable Long school, long rubric, boolean blind,
                int entries, int judges, boolean drop, Instant opens, Instant closes, Audience showcase,
                Instant createdAt) {
        }
        List<Row> rows = jdbc.sql("select c.* from ctst_contest c " + where + " order by c.id desc").params(params)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                        rs.getObject("organiser_school_id", Long.class), rs.getLong("rubric_id"),
                        rs.getBoolean("blind"), rs.getInt("entries_per_teacher"), rs.getInt("judges_per_entry"),
                        rs.getBoolean("drop_extremes"), instant(rs.getObject("submit_opens_at", OffsetDateTime.class)),
                        instant(rs.getObject("submit_closes_at", OffsetDateTime.class)),
                        Audience.valueOf(rs.getString("showcase")),
                        instant(rs.getObject("created_at", OffsetDateTime.class)))).list();
        List<Contest> contests = new ArrayList<>();
        for (Row r : rows) {
            List<Long> schools = jdbc.sql("select school_id from ctst_contest_school where contest_id = ? order by 1")
                    .param(r.id()).query(Long.class).list();
            List<Long> subjects = jdbc.sql("select subject_id from ctst_contest_subject where contest_id = ? order by 1")
                    .param(r.id()).query(Long.class).list();
            List<String> grades = jdbc.sql("select grade_name from ctst_contest_grade where contest_id = ? order by 1")
                    .param(r.id()).query(String.class).list();
            List<Round> rounds = jdbc.sql("select * from ctst_round where contest_id = ? order by position")
                    .param(r.id()).query((rs, n) -> new Round(rs.getLong("id"), rs.getInt("position"),
                            rs.getString("name"), RoundState.valueOf(rs.getString("state")),
                            Optional.ofNullable(rs.getObject("published_at", OffsetDateTime.class))
                                    .map(OffsetDateTime::toInstant).orElse(null))).list();
            contests.add(new Contest(r.id(), r.name(), r.description(), r.school(), r.rubric(), r.blind(), r.entries(),
                    r.judges(), r.drop(), r.opens(), r.closes(), r.showcase(), schools, subjects, grades, rounds,
                    r.createdAt()));
        }
        return contests;
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }
}
