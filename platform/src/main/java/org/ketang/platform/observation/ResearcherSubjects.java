package org.ketang.platform.observation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subjects each researcher (教研员) observes: a researcher comments on and scores only lessons of these subjects
 * (a lesson the timetable gives no subject is open to every researcher). Other observers — principals, district
 * admins — are not limited by subject.
 */
@Service
@Transactional
public class ResearcherSubjects {

    private final JdbcClient jdbc;

    ResearcherSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Set<Long> of(long userId) {
        return new LinkedHashSet<>(jdbc.sql("select subject_id from obs_researcher_subject where user_id = ? order by subject_id")
                .param(userId).query(Long.class).list());
    }

    /** Replaces the researcher's subjects. */
    public void assign(long userId, Collection<Long> subjectIds) {
        jdbc.sql("delete from obs_researcher_subject where user_id = ?").param(userId).update();
        new LinkedHashSet<>(subjectIds).forEach(subject -> jdbc
                .sql("insert into obs_researcher_subject (user_id, subject_id) values (?, ?)").params(userId, subject)
                .update());
    }
}
