package org.ketang.platform.observation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rubrics (评价量表) of the district, for observation and for contests: define, revise (a rubric that scored
 * something gets a new version instead of changing), retire, and freeze one when a scorecard first uses it.
 */
@Service
@Transactional
public class Rubrics {

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    Rubrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Rubric> find(long id) {
        return load("where r.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** The rubrics offered for new scorecards (the newest version of each, not retired), by name. */
    @Transactional(readOnly = true)
    public List<Rubric> current() {
        return load("where r.retired = false", Map.of());
    }

    /** Every version of every rubric, newest first within a family. */
    @Transactional(readOnly = true)
    public List<Rubric> all() {
        return load("", Map.of());
    }

    /** Defines a new rubric; the criteria must pass {@link Rubric#problemWith}. */
    public Rubric define(String name, String description, List<Rubric.Draft> criteria, long by) {
        requireShape(criteria);
        long id = insert(null, 1, name, description, criteria, by);
        return find(id).orElseThrow();
    }

    /**
     * Changes a rubric: in place while no scorecard used it, otherwise as its next version (the old one is retired
     * and keeps scoring what it scored).
     *
     * @return the rubric as it is now (a new id when a version was made)
     */
    public Rubric revise(long id, String name, String description, List<Rubric.Draft> criteria, long by) {
        requireShape(criteria);
        jdbc.sql("select id from obs_rubric where id = ? for update").param(id).query(Long.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no rubric " + id));
        Rubric old = find(id).orElseThrow();
        if (!old.used()) {
            jdbc.sql("delete from obs_criterion where rubric_id = ?").param(id).update();
            jdbc.sql("update obs_rubric set name = ?, description = ? where id = ?").params(name, description, id)
                    .update();
            insertCriteria(id, criteria);
            return find(id).orElseThrow();
        }
        int next = jdbc.sql("select max(version) from obs_rubric where family_id = ?").param(old.familyId())
                .query(Integer.class).single() + 1;
        jdbc.sql("update obs_rubric set retired = true where family_id = ?").param(old.familyId()).update();
        long created = insert(old.familyId(), next, name, description, criteria, by);
        return find(created).orElseThrow();
    }

    /** Withdraws a rubric from new scorecards (what it scored keeps its totals). */
    public void retire(long id) {
        jdbc.sql("update obs_rubric set retired = true where id = ?").param(id).update();
    }

    /** Freezes the rubric: from now on a revision makes a new version. Call when a scorecard first uses it. */
    public void markUsed(long id) {
        jdbc.sql("update obs_rubric set used = true where id = ? and used = false").param(id).update();
    }

    private void requireShape(List<Rubric.Draft> criteria) {
        String[] problem = Rubric.problemWith(criteria);
        if (problem != null) {
            throw new IllegalArgumentException(problem[1]);
        }
    }

    private long insert(@Nullable Long family, int version, String name, String description,
            List<Rubric.Draft> criteria, long by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into obs_rubric (family_id, version, name, description, used, retired, created_by, created_at)
                values (:family, :version, :name, :description, false, false, :by, :at)""")
                .param("family", family).param("version", version).param("name", name)
                .param("description", description).param("by", by)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update(key, "id");
        long id = java.util.Objects.requireNonNull(key.getKey()).longValue();
        if (family == null) {
            jdbc.sql("update obs_rubric set family_id = id where id = ?").param(id).update();
        }
        insertCriteria(id, criteria);
        return id;
    }

    private void insertCriteria(long rubricId, List<Rubric.Draft> criteria) {
        int position = 0;
        for (Rubric.Draft d : criteria) {
            jdbc.sql("""
                    insert into obs_criterion (rubric_id, position, name, description, weight, max_score)
                    values (?, ?, ?, ?, ?, ?)""").params(rubricId, position++, d.name().strip(), d.description(),
                    d.weight(), d.maxScore()).update();
        }
    }

    private List<Rubric> load(String where, Map<String, Object> params) {
        record Row(long id, long familyId, int version, String name, String description, boolean used,
                boolean retired, Instant createdAt) {
        }
        List<Row> rows = jdbc.sql("select r.* from obs_rubric r " + where
                + " order by r.name, r.family_id, r.version desc").params(params)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("family_id"), rs.getInt("version"),
                        rs.getString("name"), rs.getString("description"), rs.getBoolean("used"),
                        rs.getBoolean("retired"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Rubric.Criterion>> criteria = new LinkedHashMap<>();
        jdbc.sql("select * from obs_criterion where rubric_id in (:ids) order by rubric_id, position")
                .param("ids", rows.stream().map(Row::id).toList())
                .query(rs -> {
                    criteria.computeIfAbsent(rs.getLong("rubric_id"), k -> new ArrayList<>())
                            .add(new Rubric.Criterion(rs.getLong("id"), rs.getString("name"),
                                    rs.getString("description"), rs.getInt("weight"), rs.getInt("max_score")));
                });
        return rows.stream().map(r -> new Rubric(r.id(), r.familyId(), r.version(), r.name(), r.description(),
                criteria.getOrDefault(r.id(), List.of()), r.used(), r.retired(), r.createdAt())).toList();
    }
}
