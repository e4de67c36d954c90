package org.ketang.platform.audit.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code audit_entry} table. */
@Component
public class AuditLog implements AuditTrail {

    private static final int MAX_DETAIL = 2000;

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(Entry e) {
        jdbc.sql("""
                insert into audit_entry (at, actor_id, actor_name, action, target, detail, outcome, school_id, ip)
                values (:at, :actorId, :actorName, :action, :target, :detail, :outcome, :schoolId, :ip)""")
                .param("at", Instant.now().atOffset(ZoneOffset.UTC)).param("actorId", e.actorId())
                .param("actorName", cut(e.actorName(), 100)).param("action", e.action())
                .param("target", cut(e.target(), 200)).param("detail", cut(e.detail(), MAX_DETAIL))
                .param("outcome", e.outcome().name()).param("schoolId", e.schoolId()).param("ip", cut(e.ip(), 64))
                .update();
    }

    /** Entries newest first; {@code schoolId} null means every school (and district-level entries). */
    @Transactional(readOnly = true)
    public Page find(@Nullable Long schoolId, @Nullable String action, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (schoolId != null) {
            where.append(" and school_id = :school");
            params.put("school", schoolId);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action like :action");
            params.put("action", action.trim() + "%");
        }
        long total = jdbc.sql("select count(*) from audit_entry" + where).params(params).query(Long.class).single();
        List<View> items = jdbc.sql("select * from audit_entry" + where + " order by at desc, id desc limit "
                + size + " offset " + ((long) page * size)).params(params)
                .query((rs, n) -> new View(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        (Long) rs.getObject("actor_id", Long.class), rs.getString("actor_name"), rs.getString("action"),
                        rs.getString("target"), rs.getString("detail"), rs.getString("outcome"),
                        (Long) rs.getObject("school_id", Long.class), rs.getString("ip")))
                .list();
        return new Page(items, total);
    }

    private static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public record View(long id, Instant at, @Nullable Long actorId, @Nullable String actorName, String action,
            @Nullable String target, @Nullable String detail, String outcome, @Nullable Long schoolId,
            @Nullable String ip) {
    }

    public record Page(List<View> items, long total) {
    }
}
