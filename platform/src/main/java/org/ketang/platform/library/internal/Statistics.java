package org.ketang.platform.library.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Views, unique viewers and watch time, per day, per lesson and per school, over counted views. */
@Service
@Transactional(readOnly = true)
public class Statistics {

    private final JdbcClient jdbc;

    Statistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Series for charts: {@code days[i]} goes with {@code views[i]}, {@code viewers[i]} and {@code watchSeconds[i]}. */
    public record Report(List<LocalDate> days, List<Long> views, List<Long> viewers, List<Long> watchSeconds,
            long totalViews, long uniqueViewers, long totalWatchSeconds, List<LessonTotal> topLessons,
            List<SchoolTotal> schools) {
    }

    public record LessonTotal(long lessonId, String title, long schoolId, long views, long uniqueViewers,
            long watchSeconds) {
    }

    public record SchoolTotal(long schoolId, String schoolName, long views, long uniqueViewers, long watchSeconds) {
    }

    public Report report(@Nullable Long schoolId, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", from);
        params.put("to", to);
        String where = "v.view_date >= :from and v.view_date <= :to";
        if (schoolId != null) {
            where += " and v.school_id = :school";
            params.put("school", schoolId);
        }
        Map<LocalDate, long[]> byDay = new HashMap<>();
        jdbc.sql("select v.view_date, count(*) as n, count(distinct v.user_id) as u, sum(v.watched_seconds) as w"
                + " from lib_view v where " + where + " group by v.view_date").params(params)
                .query((rs, n) -> byDay.put(rs.getObject("view_date", LocalDate.class),
                        new long[] { rs.getLong("n"), rs.getLong("u"), rs.getLong("w") }))
                .list();
        List<LocalDate> days = new ArrayList<>();
        List<Long> views = new ArrayList<>();
        List<Long> viewers = new ArrayList<>();
        List<Long> watch = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            long[] v = byDay.getOrDefault(d, new long[3]);
            days.add(d);
            views.add(v[0]);
            viewers.add(v[1]);
            watch.add(v[2]);
        }
        long[] totals = jdbc.sql("select count(*) as n, count(distinct v.user_id) as u, coalesce(sum(v.watched_seconds), 0) as w"
                + " from lib_view v where " + where).params(params)
                .query((rs, n) -> new long[] { rs.getLong("n"), rs.getLong("u"), rs.getLong("w") }).single();
        List<LessonTotal> top = jdbc.sql("""
                select v.lesson_id, max(l.title) as title, max(l.school_id) as school_id, count(*) as n,
                       count(distinct v.user_id) as u, sum(v.watched_seconds) as w
                  from lib_view v join lib_lesson l on l.id = v.lesson_id
                 where l.deleted_at is null and """ + " " + where + """
                 group by v.lesson_id order by n desc, w desc, v.lesson_id fetch first 10 rows only
                """).params(params).query((rs, n) -> new LessonTotal(rs.getLong("lesson_id"), rs.getString("title"),
                rs.getLong("school_id"), rs.getLong("n"), rs.getLong("u"), rs.getLong("w"))).list();
        Map<Long, String> schoolNames = new HashMap<>();
        jdbc.sql("select distinct school_id, school_name from lib_lesson")
                .query((rs, n) -> schoolNames.put(rs.getLong("school_id"), rs.getString("school_name"))).list();
        List<SchoolTotal> schools = jdbc.sql("select v.school_id, count(*) as n, count(distinct v.user_id) as u,"
                + " sum(v.watched_seconds) as w from lib_view v where " + where
                + " group by v.school_id order by n desc, v.school_id").params(params)
                .query((rs, n) -> new SchoolTotal(rs.getLong("school_id"),
                        schoolNames.getOrDefault(rs.getLong("school_id"), "#" + rs.getLong("school_id")), rs.getLong("n"),
                        rs.getLong("u"), rs.getLong("w")))
                .list();
        return new Report(days, views, viewers, watch, totals[0], totals[1], totals[2], top, schools);
    }
}
