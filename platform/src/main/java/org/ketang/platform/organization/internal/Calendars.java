package org.ketang.platform.organization.internal;

import static org.ketang.platform.organization.internal.Schools.insert;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.ketang.platform.organization.BellSchedule;
import org.ketang.platform.organization.DayKind;
import org.ketang.platform.organization.Period;
import org.ketang.platform.organization.Term;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Terms and bell schedules of the schools. */
@Repository
public class Calendars {

    private final JdbcClient jdbc;

    Calendars(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long addTerm(long schoolId, String name, LocalDate start, LocalDate end) {
        return insert(jdbc.sql("insert into org_term (school_id, name, start_date, end_date) values (?, ?, ?, ?)")
                .params(schoolId, name, start, end));
    }

    public List<Term> terms(long schoolId) {
        return jdbc.sql("select id, school_id, name, start_date, end_date from org_term where school_id = ? order by start_date, id")
                .param(schoolId).query(Term.class).list();
    }

    public Optional<Term> term(long id) {
        return jdbc.sql("select id, school_id, name, start_date, end_date from org_term where id = ?").param(id)
                .query(Term.class).optional();
    }

    /** The term of {@code schoolId} that contains {@code date}. */
    public Optional<Term> termOn(long schoolId, LocalDate date) {
        return jdbc.sql("""
                select id, school_id, name, start_date, end_date from org_term
                 where school_id = ? and start_date <= ? and end_date >= ? order by start_date desc, id desc
                """).params(schoolId, date, date).query(Term.class).list().stream().findFirst();
    }

    /** The term a timetable shows by default: the one on {@code today}, else the next, else the last. */
    public Optional<Term> defaultTerm(long schoolId, LocalDate today) {
        List<Term> terms = terms(schoolId);
        return terms.stream().filter(t -> t.contains(today)).findFirst()
                .or(() -> terms.stream().filter(t -> t.startDate().isAfter(today)).findFirst())
                .or(() -> terms.stream().max(Comparator.comparing(Term::endDate)));
    }

    public BellSchedule bellSchedule(long schoolId) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Set<DayOfWeek>> weekdays = new LinkedHashMap<>();
        Map<Long, List<Period>> periods = new LinkedHashMap<>();
        jdbc.sql("select id, name, weekdays from org_day_kind where school_id = ? order by sort_order, id").param(schoolId)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    names.put(id, rs.getString("name"));
                    weekdays.put(id, decodeWeekdays(rs.getString("weekdays")));
                    periods.put(id, new ArrayList<>());
                    return id;
                }).list();
        if (names.isEmpty()) {
            return BellSchedule.none();
        }
        jdbc.sql("""
                select p.day_kind_id, p.period_no, p.start_time, p.end_time from org_period p
                  join org_day_kind k on k.id = p.day_kind_id where k.school_id = ? order by p.period_no
                """).param(schoolId).query((rs, n) -> periods.get(rs.getLong("day_kind_id")).add(new Period(
                        rs.getInt("period_no"), rs.getObject("start_time", LocalTime.class),
                        rs.getObject("end_time", LocalTime.class)))).list();
        return new BellSchedule(names.keySet().stream()
                .map(id -> new DayKind(names.get(id), weekdays.get(id), periods.get(id))).toList());
    }

    public void replaceBellSchedule(long schoolId, BellSchedule schedule) {
        jdbc.sql("delete from org_period where day_kind_id in (select id from org_day_kind where school_id = ?)")
                .param(schoolId).update();
        jdbc.sql("delete from org_day_kind where school_id = ?").param(schoolId).update();
        int order = 0;
        for (DayKind kind : schedule.dayKinds()) {
            long kindId = insert(jdbc.sql("insert into org_day_kind (school_id, name, weekdays, sort_order) values (?, ?, ?, ?)")
                    .params(schoolId, kind.name(), encodeWeekdays(kind.weekdays()), order++));
            for (Period p : kind.periods()) {
                jdbc.sql("insert into org_period (day_kind_id, period_no, start_time, end_time) values (?, ?, ?, ?)")
                        .params(kindId, p.no(), p.start(), p.end()).update();
            }
        }
    }

    static String encodeWeekdays(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining(","));
    }

    static Set<DayOfWeek> decodeWeekdays(String text) {
        return text.isBlank() ? Set.of()
                : Arrays.stream(text.split(",")).map(s -> DayOfWeek.of(Integer.parseInt(s.trim()))).collect(Collectors.toSet());
    }
}
