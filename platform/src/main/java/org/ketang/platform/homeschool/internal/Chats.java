package org.ketang.platform.homeschool.internal;

import static org.ketang.platform.homeschool.internal.Notices.afterCommit;
import static org.ketang.platform.homeschool.internal.Notices.instant;
import static org.ketang.platform.homeschool.internal.Notices.utc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
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
import org.ketang.platform.organization.Directory.ClassTeacher;
import org.ketang.platform.organization.Directory.GuardianOf;
import org.ketang.platform.organization.OrganizationSettings;
import org.ketang.platform.organization.Reach;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chat (家校沟通): teacher ↔ parent one-to-one and class groups moderated by the head teacher. Messages are
 * stored first and pushed after the commit, so a member who was offline reads them from the history when the
 * app reconnects. Delivered and read are per member pointers (the highest message id delivered / read), so a
 * message's state is one comparison. A withdrawn message keeps its place ("消息已撤回"); its text is never
 * shown again but stays on record.
 */
@Service
@Transactional
public class Chats {

    public enum Kind {
        DIRECT, CLASS_GROUP
    }

    public enum State {
        SENT, DELIVERED, READ
    }

    /** Someone the actor may open a conversation with, or a class group they belong to. */
    public record Contact(String kind, @Nullable Long userId, @Nullable Long classId, String name, String detail) {
    }

    public record Conversation(long id, Kind kind, @Nullable Long classId, String title, @Nullable Long otherUserId,
            @Nullable String lastMessage, @Nullable Instant lastAt, int unread, boolean moderator) {
    }

    /**
     * One message. {@code body} is null once withdrawn. {@code state} is for the sender's own messages in a
     * one-to-one conversation; {@code readBy} counts the other members who read it (groups).
     */
    public record Message(long id, long conversationId, long senderId, String senderName, @Nullable String body,
            boolean withdrawn, Instant sentAt, @Nullable State state, int readBy) {
    }

    public record QuietHours(String startsAt, String endsAt) {
    }

    private final JdbcClient jdbc;
    private final Directory directory;
    private final Reach reach;
    private final NotificationHub hub;
    private final HomeschoolSettings settings;
    private final OrganizationSettings organization;
    private final AuditTrail audit;

    Chats(JdbcClient jdbc, Directory directory, Reach reach, NotificationHub hub, HomeschoolSettings settings,
            OrganizationSettings organization, AuditTrail audit) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.reach = reach;
        this.hub = hub;
        this.settings = settings;
        this.organization = organization;
        this.audit = audit;
    }

    // ---- who may talk to whom

    /** The actor's contacts: a parent's children's teachers and class groups; a teacher's classes' parents and groups. */
    @Transactional(readOnly = true)
    public List<Contact> contacts(Actor actor) {
        List<Contact> contacts = new ArrayList<>();
        LocalDate today = LocalDate.now(organization.zone());
        Set<Long> groups = new LinkedHashSet<>();
        for (GuardianOf child : children(actor)) {
            groups.add(child.classId());
            for (ClassTeacher teacher : directory.teachersOfClass(child.classId(), today)) {
                if (contacts.stream().noneMatch(c -> teacher.userId() == (c.userId() == null ? -1 : c.userId()))) {
                    contacts.add(new Contact("TEACHER", teacher.userId(), null, teacher.name(),
                            child.classFullName() + (teacher.head() ? " 班主任" : " " + teacher.subject())));
                }
            }
        }
        if (actor.can(Permission.HOMESCHOOL_TEACH)) {
            Set<Long> classes = reach.of(actor).classes();
            groups.addAll(classes);
            for (GuardianOf parent : directory.guardiansInClasses(classes)) {
                if (parent.userId() != actor.userId()) {
                    contacts.add(new Contact("PARENT", parent.userId(), null, parent.guardianName(),
                            parent.classFullName() + " " + parent.studentName() + parent.relation()));
                }
            }
        }
        for (long classId : groups) {
            directory.schoolClass(classId).ifPresent(c -> contacts.add(0,
                    new Contact("CLASS_GROUP", null, classId, c.fullName() + "家长群", c.fullName())));
        }
        return contacts;
    }

    private List<GuardianOf> children(Actor actor) {
        Set<Long> students = reach.of(actor).students();
        return directory.guardiansOfStudents(students).stream().filter(g -> g.userId() == actor.userId()).toList();
    }

    /** Opens (creating once) the one-to-one conversation with {@code otherUserId}, when the two may talk. */
    public long openDirect(Actor actor, long otherUserId) {
        if (otherUserId == actor.userId()) {
            throw ApiProblem.invalid("不能和自己聊天", "You cannot chat with yourself");
        }
        String[] names = new String[2];
        long schoolId = pairSchool(actor, otherUserId, names);
        String key = Math.min(actor.userId(), otherUserId) + ":" + Math.max(actor.userId(), otherUserId);
        Optional<Long> existing = jdbc.sql("select id from hs_conversation where pair_key = ?").param(key)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        long id = insertConversation(schoolId, Kind.DIRECT, null, key, names[0] + " · " + names[1]);
        addMember(id, actor.userId(), names[0], false);
        addMember(id, otherUserId, names[1], false);
        return id;
    }

    /** The school of an allowed pair; fills in the names both sides are shown under. Else 403/404. */
    private long pairSchool(Actor actor, long other, String[] names) {
        LocalDate today = LocalDate.now(organization.zone());
        // a parent → a teacher of one of their children's classes
        for (GuardianOf child : children(actor)) {
            for (ClassTeacher teacher : directory.teachersOfClass(child.classId(), today)) {
                if (teacher.userId() == other) {
                    names[0] = child.guardianName() + "（" + child.studentName() + child.relation() + "）";
                    names[1] = teacher.name() + "老师";
                    return directory.schoolClass(child.classId()).orElseThrow().schoolId();
                }
            }
        }
        // a teacher → a parent in one of their classes
        if (actor.can(Permission.HOMESCHOOL_TEACH)) {
            for (GuardianOf parent : directory.guardiansInClasses(reach.of(actor).classes())) {
                if (parent.userId() == other) {
                    names[0] = actor.displayName() + "老师";
                    names[1] = parent.guardianName() + "（" + parent.studentName() + parent.relation() + "）";
                    return directory.schoolClass(parent.classId()).orElseThrow().schoolId();
                }
            }
        }
        // a parent → another parent of the same class: only where the school allows it
        for (GuardianOf child : children(actor)) {
            for (GuardianOf parent : directory.guardiansInClasses(List.of(child.classId()))) {
                if (parent.userId() == other) {
                    if (!settings.parentPrivateChat()) {
                        throw new ApiProblem(HttpStatus.FORBIDDEN, "parent-chat-closed", "学校未开放家长之间的私聊",
                                "The school does not allow private chat between parents");
                    }
                    names[0] = child.guardianName() + "（" + child.studentName() + child.relation() + "）";
                    names[1] = parent.guardianName() + "（" + parent.studentName() + parent.relation() + "）";
                    return directory.schoolClass(child.classId()).orElseThrow().schoolId();
                }
            }
        }
        throw ApiProblem.notFound("联系人", "Contact");
    }

    /** Opens the class group (created on first use), with the head teacher as moderator; members follow the class. */
    public long openClassGroup(Actor actor, long classId) {
        ClassInfo schoolClass = directory.schoolClass(classId).orElseThrow(() -> ApiProblem.notFound("班级", "Class"));
        boolean parent = children(actor).stream().anyMatch(c -> c.classId() == classId);
        boolean teacher = actor.can(Permission.HOMESCHOOL_TEACH) && reach.of(actor).classes().contains(classId);
        if (!parent && !teacher) {
            throw ApiProblem.notFound("班级", "Class");
        }
        List<ClassTeacher> teachers = directory.teachersOfClass(classId, LocalDate.now(organization.zone()));
        if (teachers.stream().noneMatch(ClassTeacher::head)) {
            throw ApiProblem.conflict("这个班级还没有班主任，无法建立班级群", "The class has no head teacher to moderate a group");
        }
        long id = jdbc.sql("select id from hs_conversation where class_id = ? and kind = 'CLASS_GROUP'").param(classId)
                .query(Long.class).optional().orElseGet(() -> insertConversation(schoolClass.schoolId(), Kind.CLASS_GROUP,
                        classId, null, schoolClass.fullName() + "家长群"));
        Set<Long> members = new LinkedHashSet<>(jdbc.sql("select user_id from hs_conversation_member where conversation_id = ?")
                .param(id).query(Long.class).list());
        for (ClassTeacher t : teachers) {
            if (members.add(t.userId())) {
                addMember(id, t.userId(), t.name() + (t.head() ? "（班主任）" : "老师"), t.head());
            }
        }
        for (GuardianOf g : directory.guardiansInClasses(List.of(classId))) {
            if (members.add(g.userId())) {
                addMember(id, g.userId(), g.guardianName() + "（" + g.studentName() + g.relation() + "）", false);
            }
        }
        return id;
    }

    private long insertConversation(long schoolId, Kind kind, @Nullable Long classId, @Nullable String pairKey, String title) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into hs_conversation (school_id, kind, class_id, pair_key, title, created_at)
                values (:school, :kind, :class, :pair, :title, :at)""").param("school", schoolId).param("kind", kind.name())
                .param("class", classId).param("pair", pairKey).param("title", title).param("at", utc(Instant.now()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private void addMember(long conversationId, long userId, String name, boolean moderator) {
        jdbc.sql("insert into hs_conversation_member (conversation_id, user_id, name, moderator) values (?, ?, ?, ?)")
                .params(conversationId, userId, name, moderator).update();
    }

    // ---- conversations and messages

    @Transactional(readOnly = true)
    public List<Conversation> conversations(Actor actor) {
        return jdbc.sql("""
                select c.id, c.kind, c.class_id, c.title, m.moderator, m.read_up_to,
                       (select o.user_id from hs_conversation_member o where o.conversation_id = c.id and o.user_id <> m.user_id
                         and c.kind = 'DIRECT' fetch first 1 rows only) as other_user,
                       (select o.name from hs_conversation_member o where o.conversation_id = c.id and o.user_id <> m.user_id
                         and c.kind = 'DIRECT' fetch first 1 rows only) as other_name,
                       (select count(*) from hs_message x where x.conversation_id = c.id and x.id > m.read_up_to
                         and x.sender_id <> m.user_id) as unread,
                       (select max(x.id) from hs_message x where x.conversation_id = c.id) as last_id
                  from hs_conversation c join hs_conversation_member m on m.conversation_id = c.id
                 where m.user_id = ? order by last_id desc nulls last, c.id desc""").param(actor.userId())
                .query((rs, n) -> {
                    long lastId = rs.getLong("last_id");
                    String last = null;
                    Instant lastAt = null;
                    if (!rs.wasNull()) {
                        var row = jdbc.sql("select body, withdrawn_at, sent_at from hs_message where id = ?").param(lastId)
                                .query((r, i) -> new Object[] { r.getString("body"), instant(r, "withdrawn_at"),
                                        instant(r, "sent_at") }).single();
                        last = row[1] != null ? "消息已撤回" : (String) row[0];
                        lastAt = (Instant) row[2];
                    }
                    long other = rs.getLong("other_user");
                    boolean direct = !rs.wasNull();
                    return new Conversation(rs.getLong("id"), Kind.valueOf(rs.getString("kind")),
                            rs.getObject("class_id", Long.class), direct ? rs.getString("other_name") : rs.getString("title"),
                            direct ? other : null, last, lastAt, rs.getInt("unread"), rs.getBoolean("moderator"));
                }).list();
    }

    /** Unread messages over all conversations (the badge). */
    @Transactional(readOnly = true)
    public int unread(Actor actor) {
        return jdbc.sql("""
                select count(*) from hs_message x join hs_conversation_member m on m.conversation_id = x.conversation_id
                 where m.user_id = ? and x.id > m.read_up_to and x.sender_id <> m.user_id""").param(actor.userId())
                .query(Integer.class).single();
    }

    @Transactional(readOnly = true)
    public Conversation conversation(Actor actor, long conversationId) {
        return conversations(actor).stream().filter(c -> c.id() == conversationId).findFirst()
                .orElseThrow(Chats::notFound);
    }

    /** A page of history, newest first: messages before {@code before} (all when null). */
    @Transactional(readOnly = true)
    public List<Message> messages(Actor actor, long conversationId, @Nullable Long before, int limit) {
        Kind kind = member(actor, conversationId);
        List<long[]> others = jdbc.sql("""
                select user_id, delivered_up_to, read_up_to from hs_conversation_member
                 where conversation_id = ? and user_id <> ?""").params(conversationId, actor.userId())
                .query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) }).list();
        return jdbc.sql("""
                select id, conversation_id, sender_id, sender_name, body, withdrawn_at, sent_at from hs_message
                 where conversation_id = :c and (cast(:before as bigint) is null or id < :before)
                 order by id desc fetch first :limit rows only""").param("c", conversationId).param("before", before)
                .param("limit", Math.max(1, Math.min(limit, 100)))
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    long sender = rs.getLong("sender_id");
                    boolean withdrawn = rs.getObject("withdrawn_at") != null;
                    State state = null;
                    int readBy = 0;
                    for (long[] o : others) {
                        if (o[0] != sender && o[2] >= id) {
                            readBy++;
                        }
                    }
                    if (sender == actor.userId() && kind == Kind.DIRECT && !others.isEmpty()) {
                        long[] o = others.get(0);
                        state = o[2] >= id ? State.READ : o[1] >= id ? State.DELIVERED : State.SENT;
                    }
                    return new Message(id, rs.getLong("conversation_id"), sender, rs.getString("sender_name"),
                            withdrawn ? null : rs.getString("body"), withdrawn, instant(rs, "sent_at"), state, readBy);
                }).list();
    }

    public Message send(Actor actor, long conversationId, String body) {
        Kind kind = member(actor, conversationId);
        String name = jdbc.sql("select name from hs_conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, actor.userId()).query(String.class).single();
        Instant now = Instant.now();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into hs_message (conversation_id, sender_id, sender_name, body, sent_at)
                values (:c, :s, :name, :body, :at)""").param("c", conversationId).param("s", actor.userId())
                .param("name", name).param("body", body.strip()).param("at", utc(now)).update(keys, "id");
        long id = keys.getKey().longValue();
        // the sender has read their own message
        jdbc.sql("update hs_conversation_member set read_up_to = ?, delivered_up_to = ? where conversation_id = ? and user_id = ?")
                .params(id, id, conversationId, actor.userId()).update();
        Message message = new Message(id, conversationId, actor.userId(), name, body.strip(), false, now,
                kind == Kind.DIRECT ? State.SENT : null, 0);
        List<Long> members = jdbc.sql("select user_id from hs_conversation_member where conversation_id = ?")
                .param(conversationId).query(Long.class).list();
        List<Long> alerted = new ArrayList<>();
        List<Long> silent = new ArrayList<>();
        for (long member : members) {
            if (member == actor.userId() || !quietNow(member)) {
                alerted.add(member);
            } else {
                silent.add(member);
            }
        }
        afterCommit(() -> {
            hub.send(alerted, Map.of("type", "message", "message", message, "alert", true));
            hub.send(silent, Map.of("type", "message", "message", message, "alert", false));
        });
        return message;
    }

    /** Moves the actor's delivered (and, with {@code read}, read) pointer up to {@code upTo} and tells the others. */
    public void acknowledge(Actor actor, long conversationId, long upTo, boolean read) {
        member(actor, conversationId);
        long last = jdbc.sql("select coalesce(max(id), 0) from hs_message where conversation_id = ?").param(conversationId)
                .query(Long.class).single();
        long to = Math.min(upTo, last);
        int changed = jdbc.sql("update hs_conversation_member set delivered_up_to = :to"
                + (read ? ", read_up_to = :to" : "") + " where conversation_id = :c and user_id = :u and ("
                + "delivered_up_to < :to" + (read ? " or read_up_to < :to" : "") + ")")
                .param("to", to).param("c", conversationId).param("u", actor.userId()).update();
        if (changed == 0) {
            return;
        }
        var pointers = jdbc.sql("select delivered_up_to, read_up_to from hs_conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, actor.userId()).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
        List<Long> others = jdbc.sql("select user_id from hs_conversation_member where conversation_id = ? and user_id <> ?")
                .params(conversationId, actor.userId()).query(Long.class).list();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("type", "chat-state");
        state.put("conversationId", conversationId);
        state.put("userId", actor.userId());
        state.put("deliveredUpTo", pointers[0]);
        state.put("readUpTo", pointers[1]);
        afterCommit(() -> hub.send(others, state));
    }

    /** Withdraws a message: its sender within the allowed time, or the group's moderator at any time. */
    public void withdraw(Actor actor, long messageId) {
        var row = jdbc.sql("select conversation_id, sender_id, sent_at, withdrawn_at from hs_message where id = ?")
                .param(messageId).query((rs, n) -> new Object[] { rs.getLong(1), rs.getLong(2), instant(rs, "sent_at"),
                        instant(rs, "withdrawn_at") }).optional().orElseThrow(() -> ApiProblem.notFound("消息", "Message"));
        long conversationId = (Long) row[0];
        member(actor, conversationId);
        if (row[3] != null) {
            return;
        }
        boolean moderator = jdbc.sql("select moderator from hs_conversation_member where conversation_id = ? and user_id = ?")
                .params(conversationId, actor.userId()).query(Boolean.class).single();
        boolean own = (Long) row[1] == actor.userId();
        if (!moderator && !own) {
            throw ApiProblem.forbidden();
        }
        if (!moderator && ((Instant) row[2]).plus(settings.withdrawWithin()).isBefore(Instant.now())) {
            throw ApiProblem.conflict("超过 " + settings.withdrawWithin().toMinutes() + " 分钟的消息不能撤回",
                    "Messages older than " + settings.withdrawWithin().toMinutes() + " minutes cannot be withdrawn");
        }
        jdbc.sql("update hs_message set withdrawn_at = ?, withdrawn_by = ? where id = ?")
                .params(utc(Instant.now()), actor.userId(), messageId).update();
        long schoolId = jdbc.sql("select school_id from hs_conversation where id = ?").param(conversationId)
                .query(Long.class).single();
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "homeschool.message-withdrawn",
                "message " + messageId, own ? "by its sender" : "by the moderator", AuditTrail.Outcome.SUCCESS, schoolId, null));
        List<Long> members = jdbc.sql("select user_id from hs_conversation_member where conversation_id = ?")
                .param(conversationId).query(Long.class).list();
        afterCommit(() -> hub.send(members, Map.of("type", "withdrawn", "conversationId", conversationId, "messageId", messageId)));
    }

    // ---- quiet hours

    @Transactional(readOnly = true)
    public Optional<QuietHours> quietHours(Actor actor) {
        return jdbc.sql("select starts_at, ends_at from hs_quiet_hours where user_id = ?").param(actor.userId())
                .query((rs, n) -> new QuietHours(rs.getString(1), rs.getString(2))).optional();
    }

    public void setQuietHours(Actor actor, @Nullable QuietHours hours) {
        actor.require(Permission.HOMESCHOOL_TEACH);
        jdbc.sql("delete from hs_quiet_hours where user_id = ?").param(actor.userId()).update();
        if (hours != null) {
            LocalTime.parse(hours.startsAt());
            LocalTime.parse(hours.endsAt());
            jdbc.sql("insert into hs_quiet_hours (user_id, starts_at, ends_at) values (?, ?, ?)")
                    .params(actor.userId(), hours.startsAt(), hours.endsAt()).update();
        }
    }

    private boolean quietNow(long userId) {
        return jdbc.sql("select starts_at, ends_at from hs_quiet_hours where user_id = ?").param(userId)
                .query((rs, n) -> quiet(LocalTime.parse(rs.getString(1)), LocalTime.parse(rs.getString(2)),
                        LocalTime.now(organization.zone())))
                .optional().orElse(false);
    }

    /** Whether {@code now} falls in quiet hours from {@code start} to {@code end} (over midnight when end ≤ start). */
    static boolean quiet(LocalTime start, LocalTime end, LocalTime now) {
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end) ? !now.isBefore(start) && now.isBefore(end) : !now.isBefore(start) || now.isBefore(end);
    }

    private Kind member(Actor actor, long conversationId) {
        return jdbc.sql("""
                select c.kind from hs_conversation c join hs_conversation_member m on m.conversation_id = c.id
                 where c.id = ? and m.user_id = ?""").params(conversationId, actor.userId())
                .query((rs, n) -> Kind.valueOf(rs.getString(1))).optional().orElseThrow(Chats::notFound);
    }

    private static ApiProblem notFound() {
        return ApiProblem.notFound("会话", "Conversation");
    }
}
