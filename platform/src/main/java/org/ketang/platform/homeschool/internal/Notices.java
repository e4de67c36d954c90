package org.ketang.platform.homeschool.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Directory.ClassInfo;
import org.ketang.platform.organization.Directory.GuardianOf;
import org.ketang.platform.organization.Reach;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Notices (通知) to parents: who may send to whom, receipts (read, confirmed), reminders and unread counts.
 * Every change that someone should see at once goes out on the {@link NotificationHub} after the commit.
 */
@Service
@Transactional
public class Notices {

    /** Who a notice goes to: a whole school, one grade, some classes, or the parents of chosen students. */
    public enum AudienceKind {
        SCHOOL, GRADE, CLASSES, STUDENTS
    }

    public record Audience(AudienceKind kind, @Nullable Long schoolId, @Nullable Long gradeId, @Nullable List<Long> classIds,
            @Nullable List<Long> studentIds) {
    }

    public record NewNotice(String title, String body, boolean confirmRequired, Audience audience) {
    }

    /** A notice as its sender and the school's staff see it, with receipt counts. */
    public record Sent(long id, long schoolId, String title, String body, boolean confirmRequired, String audience,
            String senderName, Instant sentAt, int recipients, int read, int confirmed) {
    }

    /** A notice as one recipient sees it. */
    public record Received(long id, String title, String body, boolean confirmRequired, String senderName,
            Instant sentAt, @Nullable Instant readAt, @Nullable Instant confirmedAt) {
    }

    public record Receipt(long userId, String name, @Nullable String className, @Nullable Instant readAt,
            @Nullable Instant confirmedAt, @Nullable Instant remindedAt) {
    }

    public record Receipts(Sent notice, List<Receipt> recipients) {
    }

    /** A class the actor may send to. */
    public record Target(long classId, long gradeId, String name) {
    }

    public record Targets(@Nullable Long schoolId, boolean wholeSchool, List<Target> classes) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Directory directory;
    private final Reach reach;
    private final NotificationHub hub;
    private final AuditTrail audit;

    Notices(JdbcClient jdbc, NamedParameterJdbcTemplate named, Directory directory, Reach reach, NotificationHub hub,
            AuditTrail audit) {
        this.jdbc = jdbc;
        this.named = named;
        this.directory = directory;
        this.reach = reach;
        this.hub = hub;
        this.audit = audit;
    }

    /** The classes (and whether the whole school) the actor may send notices to. */
    @Transactional(readOnly = true)
    public Targets targets(Actor actor) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        Long own = actor.schoolId();
        if (own != null && actor.reachesWholeSchool(own)) {
            return new Targets(own, true, directory.classesOfSchool(own, null).stream().map(Notices::target).toList());
        }
        List<Target> classes = reach.of(actor).classes().stream().map(directory::schoolClass).flatMap(Optional::stream)
                .map(Notices::target).sorted(java.util.Comparator.comparing(Target::name)).toList();
        return new Targets(own, false, classes);
    }

    private static Target target(ClassInfo c) {
        return new Target(c.classId(), c.gradeId(), c.fullName());
    }

    public long send(Actor actor, NewNotice notice) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        Audience audience = notice.audience();
        long schoolId;
        String label;
        List<GuardianOf> guardians;
        switch (audience.kind()) {
            case SCHOOL, GRADE -> {
                Long requested = audience.schoolId() != null ? audience.schoolId() : actor.schoolId();
                if (requested == null || !actor.reachesWholeSchool(requested)) {
                    throw ApiProblem.forbidden();
                }
                schoolId = requested;
                List<ClassInfo> classes = directory.classesOfSchool(schoolId,
                        audience.kind() == AudienceKind.GRADE ? required(audience.gradeId()) : null);
                if (classes.isEmpty()) {
                    throw ApiProblem.notFound("年级", "Grade");
                }
                label = audience.kind() == AudienceKind.SCHOOL ? "全校家长" : classes.get(0).gradeName() + "家长";
                guardians = directory.guardiansInClasses(classes.stream().map(ClassInfo::classId).toList());
            }
            case CLASSES -> {
                List<Long> ids = audience.classIds() == null ? List.of() : audience.classIds();
                if (ids.isEmpty()) {
                    throw ApiProblem.invalid("请选择班级", "Choose at least one class");
                }
                Reach.Visible visible = reach.of(actor);
                List<ClassInfo> classes = new ArrayList<>();
                for (long id : new LinkedHashSet<>(ids)) {
                    ClassInfo c = directory.schoolClass(id).filter(x -> visible.studentsOf(x.classId(), x.schoolId()))
                            .orElseThrow(() -> ApiProblem.notFound("班级", "Class"));
                    classes.add(c);
                }
                schoolId = sameSchool(classes.stream().map(ClassInfo::schoolId).toList());
                label = String.join("、", classes.stream().map(ClassInfo::fullName).toList()) + "家长";
                guardians = directory.guardiansInClasses(classes.stream().map(ClassInfo::classId).toList());
            }
            case STUDENTS -> {
                List<Long> ids = audience.studentIds() == null ? List.of() : audience.studentIds();
                if (ids.isEmpty()) {
                    throw ApiProblem.invalid("请选择学生", "Choose at least one student");
                }
                for (long id : ids) {
                    if (!reach.student(actor, id)) {
                        throw ApiProblem.notFound("学生", "Student");
                    }
                }
                guardians = directory.guardiansOfStudents(ids);
                schoolId = sameSchool(guardians.stream().map(g -> directory.schoolClass(g.classId()).orElseThrow().schoolId())
                        .toList());
                label = "部分家长";
            }
            default -> throw new IllegalStateException("unknown audience " + audience.kind());
        }
        Map<Long, String[]> recipients = recipients(guardians);
        if (recipients.isEmpty()) {
            throw ApiProblem.invalid("所选范围内没有可接收通知的家长账号", "No parent accounts in the chosen audience");
        }
        Instant now = Instant.now();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        named.update("""
                insert into hs_notice (school_id, sender_id, sender_name, title, body, confirm_required, audience, sent_at)
                values (:school, :sender, :senderName, :title, :body, :confirm, :audience, :at)""",
                new MapSqlParameterSource().addValue("school", schoolId).addValue("sender", actor.userId())
                        .addValue("senderName", actor.displayName()).addValue("title", notice.title().strip())
                        .addValue("body", notice.body().strip()).addValue("confirm", notice.confirmRequired())
                        .addValue("audience", label.length() > 300 ? label.substring(0, 297) + "…" : label)
                        .addValue("at", utc(now)),
                keys, new String[] { "id" });
        long id = keys.getKey().longValue();
        List<MapSqlParameterSource> rows = new ArrayList<>();
        recipients.forEach((user, nameAndClass) -> rows.add(new MapSqlParameterSource().addValue("notice", id)
                .addValue("user", user).addValue("name", nameAndClass[0]).addValue("className", nameAndClass[1])));
        named.batchUpdate("insert into hs_notice_recipient (notice_id, user_id, name, class_name) "
                + "values (:notice, :user, :name, :className)", rows.toArray(MapSqlParameterSource[]::new));
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "homeschool.notice-sent", "notice " + id,
                label + "，" + recipients.size() + " 人", AuditTrail.Outcome.SUCCESS, schoolId, null));
        Map<String, Object> message = Map.of("type", "notice", "notice", Map.of("id", id, "title", notice.title().strip(),
                "senderName", actor.displayName(), "confirmRequired", notice.confirmRequired(), "sentAt", now.toString()),
                "sentAtMillis", now.toEpochMilli());
        List<Long> users = List.copyOf(recipients.keySet());
        afterCommit(() -> hub.send(users, message));
        return id;
    }

    /** Recipient user → {name shown to the sender, class}; a parent of two children is one recipient. */
    private static Map<Long, String[]> recipients(List<GuardianOf> guardians) {
        Map<Long, String[]> byUser = new LinkedHashMap<>();
        for (GuardianOf g : guardians) {
            String child = g.studentName() + g.relation();
            byUser.merge(g.userId(), new String[] { g.guardianName() + "（" + child + "）", g.classFullName() },
                    (a, b) -> new String[] { a[0].substring(0, a[0].length() - 1) + "、" + child + "）", a[1] });
        }
        byUser.replaceAll((user, v) -> v[0].length() > 300 ? new String[] { v[0].substring(0, 297) + "…", v[1] } : v);
        return byUser;
    }

    private static long required(@Nullable Long id) {
        if (id == null) {
            throw ApiProblem.invalid("请选择年级", "Choose a grade");
        }
        return id;
    }

    private static long sameSchool(List<Long> schools) {
        Set<Long> distinct = new LinkedHashSet<>(schools);
        if (distinct.size() != 1) {
            throw ApiProblem.invalid("一条通知只能发给同一所学校", "A notice goes to one school only");
        }
        return distinct.iterator().next();
    }

    // ---- the recipient's side

    @Transactional(readOnly = true)
    public List<Received> mine(Actor actor, @Nullable Long before, int limit) {
        return jdbc.sql("""
                select n.id, n.title, n.body, n.confirm_required, n.sender_name, n.sent_at, r.read_at, r.confirmed_at
                  from hs_notice_recipient r join hs_notice n on n.id = r.notice_id
                 where r.user_id = :user and (cast(:before as bigint) is null or n.id < :before)
                 order by n.id desc fetch first :limit rows only""")
                .param("user", actor.userId()).param("before", before).param("limit", Math.max(1, Math.min(limit, 100)))
                .query(Notices::received).list();
    }

    @Transactional(readOnly = true)
    public Received received(Actor actor, long noticeId) {
        return jdbc.sql("""
                select n.id, n.title, n.body, n.confirm_required, n.sender_name, n.sent_at, r.read_at, r.confirmed_at
                  from hs_notice_recipient r join hs_notice n on n.id = r.notice_id
                 where r.user_id = :user and n.id = :id""").param("user", actor.userId()).param("id", noticeId)
                .query(Notices::received).optional().orElseThrow(Notices::notFound);
    }

    /** Unread notices of the actor (the badge). */
    @Transactional(readOnly = true)
    public int unread(Actor actor) {
        return jdbc.sql("select count(*) from hs_notice_recipient where user_id = ? and read_at is null")
                .param(actor.userId()).query(Integer.class).single();
    }

    /** Marks the notice read (once; later calls change nothing) and tells the sender. */
    public Received markRead(Actor actor, long noticeId) {
        Received notice = received(actor, noticeId);
        if (notice.readAt() == null) {
            jdbc.sql("update hs_notice_recipient set read_at = :at where notice_id = :id and user_id = :user and read_at is null")
                    .param("at", utc(Instant.now())).param("id", noticeId).param("user", actor.userId()).update();
            tellSender(noticeId, actor.userId());
        }
        return received(actor, noticeId);
    }

    /** The parent confirms (家长确认) a notice that asks for it; confirming reads it too. */
    public Received confirm(Actor actor, long noticeId) {
        Received notice = received(actor, noticeId);
        if (!notice.confirmRequired()) {
            throw ApiProblem.conflict("这条通知不需要确认", "This notice needs no confirmation");
        }
        if (notice.confirmedAt() == null) {
            OffsetDateTime now = utc(Instant.now());
            jdbc.sql("""
                    update hs_notice_recipient set confirmed_at = :at, read_at = coalesce(read_at, :at)
                     where notice_id = :id and user_id = :user and confirmed_at is null""")
                    .param("at", now).param("id", noticeId).param("user", actor.userId()).update();
            tellSender(noticeId, actor.userId());
        }
        return received(actor, noticeId);
    }

    private void tellSender(long noticeId, long userId) {
        Sent notice = sent(noticeId).orElseThrow();
        Receipt receipt = receipts(noticeId).stream().filter(r -> r.userId() == userId).findFirst().orElseThrow();
        long sender = jdbc.sql("select sender_id from hs_notice where id = ?").param(noticeId).query(Long.class).single();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "receipt");
        message.put("noticeId", noticeId);
        message.put("receipt", receipt);
        message.put("read", notice.read());
        message.put("confirmed", notice.confirmed());
        message.put("recipients", notice.recipients());
        afterCommit(() -> hub.send(sender, message));
    }

    // ---- the sender's side

    /** Notices the actor sent, newest first, with receipt counts. */
    @Transactional(readOnly = true)
    public List<Sent> sentBy(Actor actor) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        return jdbc.sql(SENT + " where n.sender_id = ? group by " + SENT_GROUP + " order by n.id desc fetch first 100 rows only")
                .param(actor.userId()).query(Notices::sentRow).list();
    }

    /** Who has read and confirmed; for the sender and the school's whole-school staff only. */
    @Transactional(readOnly = true)
    public Receipts receipts(Actor actor, long noticeId) {
        Sent notice = manageable(actor, noticeId);
        return new Receipts(notice, receipts(noticeId));
    }

    /** Reminds everyone who has not read (or, when confirmation is asked, not confirmed) yet; returns how many. */
    public int remind(Actor actor, long noticeId) {
        Sent notice = manageable(actor, noticeId);
        List<Long> pending = jdbc.sql("select user_id from hs_notice_recipient where notice_id = ? and "
                + (notice.confirmRequired() ? "confirmed_at is null" : "read_at is null")).param(noticeId)
                .query(Long.class).list();
        if (pending.isEmpty()) {
            return 0;
        }
        jdbc.sql("update hs_notice_recipient set reminded_at = :at where notice_id = :id and "
                + (notice.confirmRequired() ? "confirmed_at is null" : "read_at is null"))
                .param("at", utc(Instant.now())).param("id", noticeId).update();
        Map<String, Object> message = Map.of("type", "reminder", "notice", Map.of("id", noticeId, "title", notice.title(),
                "senderName", notice.senderName(), "confirmRequired", notice.confirmRequired()));
        afterCommit(() -> hub.send(pending, message));
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "homeschool.notice-reminded",
                "notice " + noticeId, pending.size() + " 人", AuditTrail.Outcome.SUCCESS, notice.schoolId(), null));
        return pending.size();
    }

    private Sent manageable(Actor actor, long noticeId) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        Sent notice = sent(noticeId).orElseThrow(Notices::notFound);
        long sender = jdbc.sql("select sender_id from hs_notice where id = ?").param(noticeId).query(Long.class).single();
        if (sender != actor.userId() && !actor.reachesWholeSchool(notice.schoolId())) {
            throw notFound();
        }
        return notice;
    }

    private static final String SENT = """
            select n.id, n.school_id, n.title, n.body, n.confirm_required, n.audience, n.sender_name, n.sent_at,
                   count(r.user_id) as recipients, count(r.read_at) as read_count, count(r.confirmed_at) as confirmed_count
              from hs_notice n left join hs_notice_recipient r on r.notice_id = n.id""";
    private static final String SENT_GROUP = "n.id, n.school_id, n.title, n.body, n.confirm_required, n.audience, "
            + "n.sender_name, n.sent_at";

    private Optional<Sent> sent(long noticeId) {
        return jdbc.sql(SENT + " where n.id = ? group by " + SENT_GROUP).param(noticeId).query(Notices::sentRow).optional();
    }

    private List<Receipt> receipts(long noticeId) {
        return jdbc.sql("""
                select user_id, name, class_name, read_at, confirmed_at, reminded_at from hs_notice_recipient
                 where notice_id = ? order by class_name, name""").param(noticeId)
                .query((rs, n) -> new Receipt(rs.getLong("user_id"), rs.getString("name"), rs.getString("class_name"),
                        instant(rs, "read_at"), instant(rs, "confirmed_at"), instant(rs, "reminded_at")))
                .list();
    }

    private static Sent sentRow(ResultSet rs, int n) throws SQLException {
        return new Sent(rs.getLong("id"), rs.getLong("school_id"), rs.getString("title"), rs.getString("body"),
                rs.getBoolean("confirm_required"), rs.getString("audience"), rs.getString("sender_name"),
                instant(rs, "sent_at"), rs.getInt("recipients"), rs.getInt("read_count"), rs.getInt("confirmed_count"));
    }

    private static Received received(ResultSet rs, int n) throws SQLException {
        return new Received(rs.getLong("id"), rs.getString("title"), rs.getString("body"), rs.getBoolean("confirm_required"),
                rs.getString("sender_name"), instant(rs, "sent_at"), instant(rs, "read_at"), instant(rs, "confirmed_at"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("通知", "Notice");
    }

    /** Runs {@code action} once the current transaction commits (at once without one), so nobody is told of a rollback. */
    static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
