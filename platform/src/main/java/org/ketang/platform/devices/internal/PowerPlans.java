package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Reach;
import org.ketang.platform.organization.Timetables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Power plans (定时开关机) of a school or one of its buildings: wake its devices at {@code onTime} and shut them down
 * at {@code offTime}, on school days (inside a term, on a weekday the bell schedule has periods on) or every day.
 * {@link #runDue} runs what has come due — at most once per plan, day and action, even with several nodes — as a
 * bulk action whose per-device results the run links to. A time more than an hour past is not caught up (a platform
 * started at 20:00 does not wake a school).
 */
@Service
public class PowerPlans {

    private static final Logger log = LoggerFactory.getLogger(PowerPlans.class);
    private static final Duration CATCH_UP = Duration.ofHours(1);

    /** A plan; a null time means that half is not planned (e.g. only switching off in the evening). */
    public record Plan(long id, long schoolId, @Nullable Long buildingId, String name, @Nullable LocalTime onTime,
            @Nullable LocalTime offTime, boolean schoolDaysOnly, boolean enabled, Instant updatedAt) {
    }

    /** What a person asks for. */
    public record Request(@Nullable Long schoolId, @Nullable Long buildingId, @Nullable String name,
            @Nullable LocalTime onTime, @Nullable LocalTime offTime, @Nullable Boolean schoolDaysOnly,
            @Nullable Boolean enabled) {
    }

    /** One run of a plan. */
    public record Run(long planId, LocalDate date, String action, Instant ranAt, @Nullable Long batchId,
            String summary) {
    }

    private final JdbcClient jdbc;
    private final Batches batches;
    private final DeviceRegistry registry;
    private final Directory directory;
    private final Timetables timetables;
    private final OrganizationSettings organization;
    private final Reach reach;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    PowerPlans(JdbcClient jdbc, Batches batches, DeviceRegistry registry, Directory directory, Timetables timetables,
            OrganizationSettings organization, Reach reach, AuditTrail audit) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.registry = registry;
        this.directory = directory;
        this.timetables = timetables;
        this.organization = organization;
        this.reach = reach;
        this.audit = audit;
    }

    /** The plans of the schools the actor sees. */
    public List<Plan> list(Actor actor, @Nullable Long schoolId) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        return jdbc.sql("""
                select * from dev_power_plan where (cast(:school as bigint) is null or school_id = :school)
                 order by school_id, id""").param("school", actor.schoolToQuery(schoolId)).query(this::plan).list()
                .stream().filter(p -> visible.school(p.schoolId())).toList();
    }

    public Plan create(Actor actor, Request request, @Nullable String ip) {
        if (request.schoolId() == null) {
            throw ApiProblem.invalid("请选择学校", "schoolId is required");
        }
        Request r = checked(actor, request.schoolId(), request);
        jdbc.sql("""
                insert into dev_power_plan (school_id, building_id, name, on_time, off_time, school_days_only, enabled,
                    updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.schoolId(), r.buildingId(), r.name(), r.onTime(), r.offTime(), r.schoolDaysOnly(),
                        r.enabled(), actor.userId(), Rows.utc(clock.instant()))
                .update();
        long id = jdbc.sql("select max(id) from dev_power_plan where school_id = ?").param(r.schoolId())
                .query(Long.class).single();
        audited(actor, "device.power-plan", r, id, ip);
        return find(id).orElseThrow();
    }

    public Plan update(Actor actor, long id, Request request, @Nullable String ip) {
        Plan plan = controllable(actor, id);
        Request r = checked(actor, plan.schoolId(), request);
        jdbc.sql("""
                update dev_power_plan set building_id = ?, name = ?, on_time = ?, off_time = ?, school_days_only = ?,
                       enabled = ?, updated_by = ?, updated_at = ? where id = ?""")
                .params(r.buildingId(), r.name(), r.onTime(), r.offTime(), r.schoolDaysOnly(), r.enabled(),
                        actor.userId(), Rows.utc(clock.instant()), id)
                .update();
        audited(actor, "device.power-plan", r, id, ip);
        return find(id).orElseThrow();
    }

    /** Switching a plan off keeps its runs (deleting would lose the history); this disables it. */
    public Plan disable(Actor actor, long id, @Nullable String ip) {
        Plan p = controllable(actor, id);
        return update(actor, id, new Request(p.schoolId(), p.buildingId(), p.name(), p.onTime(), p.offTime(),
                p.schoolDaysOnly(), false), ip);
    }

    public List<Run> runs(Actor actor, long id) {
        actor.require(Permission.DEVICE_VIEW);
        Plan plan = find(id).filter(p -> reach.of(actor).school(p.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("电源计划", "Power plan"));
        return jdbc.sql("select * from dev_power_run where plan_id = ? order by ran_at desc fetch first 100 rows only")
                .param(plan.id())
                .query((rs, n) -> new Run(rs.getLong("plan_id"), rs.getObject("run_date", LocalDate.class),
                        rs.getString("action"), Rows.instant(rs, "ran_at"), rs.getObject("batch_id", Long.class),
                        rs.getString("summary")))
                .list();
    }

    @Scheduled(initialDelayString = "${ketang.devices.power-plan-every:30s}",
            fixedDelayString = "${ketang.devices.power-plan-every:30s}")
    void tick() {
        runDue();
    }

    /** Runs every enabled plan whose on or off time has come today and has not run yet. @return the runs made */
    public List<Run> runDue() {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(organization.zone());
        LocalDate today = local.toLocalDate();
        List<Run> made = new ArrayList<>();
        for (Plan plan : jdbc.sql("select * from dev_power_plan where enabled = true order by id").query(this::plan)
                .list()) {
            if (plan.schoolDaysOnly() && !timetables.schoolDay(plan.schoolId(), today)) {
                continue;
            }
            for (String action : List.of("ON", "OFF")) {
                LocalTime at = action.equals("ON") ? plan.onTime() : plan.offTime();
                if (at == null) {
                    continue;
                }
                Instant due = today.atTime(at).atZone(organization.zone()).toInstant();
                if (now.isBefore(due) || now.isAfter(due.plus(CATCH_UP))) {
                    continue;
                }
                run(plan, today, action, now).ifPresent(made::add);
            }
        }
        return made;
    }

    private java.util.Optional<Run> run(Plan plan, LocalDate today, String action, Instant now) {
        try {
            jdbc.sql("""
                    insert into dev_power_run (plan_id, run_date, action, ran_at, summary) values (?, ?, ?, ?, ?)""")
                    .params(plan.id(), today, action, Rows.utc(now), "运行中 / running").update();
        } catch (DuplicateKeyException e) {
            return java.util.Optional.empty();
        }
        List<Device> devices = registry.inService(DeviceKind.RECORDER, plan.schoolId()).stream()
                .filter(d -> plan.buildingId() == null || directory.classroom(d.classroomId())
                        .map(r -> r.buildingId() == plan.buildingId()).orElse(false))
                .toList();
        List<Device> all = new ArrayList<>(devices);
        registry.inService(DeviceKind.DISPLAY, plan.schoolId()).stream()
                .filter(d -> plan.buildingId() == null || directory.classroom(d.classroomId())
                        .map(r -> r.buildingId() == plan.buildingId()).orElse(false))
                .forEach(all::add);
        String summary;
        Long batchId = null;
        if (all.isEmpty()) {
            summary = "没有设备 / no devices";
        } else {
            Batches.Batch batch = batches.runForPlan(plan.id(), plan.name(),
                    action.equals("ON") ? Batches.Action.POWER_ON : Batches.Action.SHUTDOWN, all);
            batchId = batch.id();
            long accepted = batch.items().stream().filter(Batches.Item::accepted).count();
            summary = accepted + "/" + all.size() + " 台已下达 / devices commanded";
        }
        jdbc.sql("update dev_power_run set batch_id = ?, summary = ? where plan_id = ? and run_date = ? and action = ?")
                .params(batchId, summary, plan.id(), today, action).update();
        log.info("Power plan {} ({}) {} on {}: {}", plan.id(), plan.name(), action, today, summary);
        return java.util.Optional.of(new Run(plan.id(), today, action, now, batchId, summary));
    }

    java.util.Optional<Plan> find(long id) {
        return jdbc.sql("select * from dev_power_plan where id = ?").param(id).query(this::plan).optional();
    }

    private Plan controllable(Actor actor, long id) {
        actor.require(Permission.DEVICE_CONTROL);
        Plan plan = find(id).filter(p -> reach.of(actor).school(p.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("电源计划", "Power plan"));
        if (!actor.reachesWholeSchool(plan.schoolId())) {
            throw ApiProblem.forbidden();
        }
        return plan;
    }

    private Request checked(Actor actor, long schoolId, Request r) {
        actor.require(Permission.DEVICE_CONTROL);
        if (!reach.of(actor).school(schoolId)) {
            throw ApiProblem.notFound("学校", "School");
        }
        if (!actor.reachesWholeSchool(schoolId)) {
            throw ApiProblem.forbidden();
        }
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty() || name.length() > 120) {
            throw ApiProblem.invalid("请填写计划名称（最多 120 个字符）", "name is required (at most 120 characters)");
        }
        if (r.onTime() == null && r.offTime() == null) {
            throw ApiProblem.invalid("开机时间和关机时间至少填一个", "onTime or offTime is required");
        }
        if (r.onTime() != null && r.offTime() != null && !r.onTime().isBefore(r.offTime())) {
            throw ApiProblem.invalid("开机时间必须早于关机时间", "onTime must be before offTime");
        }
        if (r.buildingId() != null && directory.recordingClassrooms(schoolId).stream()
                .noneMatch(c -> Objects.equals(c.buildingId(), r.buildingId()))) {
            throw ApiProblem.invalid("该教学楼不属于这所学校或没有录播教室", "The building is not one of the school's");
        }
        return new Request(schoolId, r.buildingId(), name, r.onTime(), r.offTime(),
                r.schoolDaysOnly() == null || r.schoolDaysOnly(), r.enabled() == null || r.enabled());
    }

    private void audited(Actor actor, String action, Request r, long id, @Nullable String ip) {
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), action, r.name() + " #" + id,
                "开机 " + r.onTime() + "，关机 " + r.offTime() + (Boolean.TRUE.equals(r.schoolDaysOnly()) ? "（上课日）" : "（每天）")
                        + (Boolean.TRUE.equals(r.enabled()) ? "" : "，已停用"),
                AuditTrail.Outcome.SUCCESS, r.schoolId(), ip));
    }

    private Plan plan(ResultSet rs, int n) throws SQLException {
        return new Plan(rs.getLong("id"), rs.getLong("school_id"), rs.getObject("building_id", Long.class),
                rs.getString("name"), rs.getObject("on_time", LocalTime.class), rs.getObject("off_time", LocalTime.class),
                rs.getBoolean("school_days_only"), rs.getBoolean("enabled"), Rows.instant(rs, "updated_at"));
    }
}
