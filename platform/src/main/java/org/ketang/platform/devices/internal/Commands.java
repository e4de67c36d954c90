package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.Command;
import org.ketang.agent.protocol.CommandResult;
import org.ketang.agent.protocol.CommandType;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.CommandFinished;
import org.ketang.platform.devices.Device;
import org.ketang.platform.identity.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Commands for agents ({@code dev_command}). A command is PENDING until an agent fetched it (DELIVERED), then
 * SUCCEEDED or FAILED by the agent's acknowledgement, or EXPIRED when no acknowledgement came before its
 * {@code expiresAt}. Unfinished, unexpired commands go out with every heartbeat and long-poll (the agent runs each id
 * once). Issuing and finishing are audited; finishing publishes {@link CommandFinished}.
 */
@Service
@Transactional
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    private static final TypeReference<Map<String, String>> ARGS = new TypeReference<>() {
    };

    /** The life of a command on the platform. */
    public enum State {
        PENDING, DELIVERED, SUCCEEDED, FAILED, EXPIRED;

        boolean open() {
            return this == PENDING || this == DELIVERED;
        }
    }

    /** A command as the console shows it. */
    public record Issued(String id, long deviceId, CommandType type, Map<String, String> args, State state,
            @Nullable Long issuedBy, @Nullable String issuedByName, Instant issuedAt, Instant expiresAt,
            @Nullable Instant deliveredAt, @Nullable Instant finishedAt, @Nullable Boolean ok,
            @Nullable String message, @Nullable Long targetDeviceId, @Nullable Long batchId) {

        Command toAgent() {
            return new Command(id, type, args, issuedAt, expiresAt);
        }
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final DeviceRegistry registry;
    private final CommandWaiters waiters;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final DeviceSettings settings;
    private final Clock clock = Clock.systemUTC();

    Commands(JdbcClient jdbc, ObjectMapper json, DeviceRegistry registry, CommandWaiters waiters, AuditTrail audit,
            ApplicationEventPublisher events, DeviceSettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.registry = registry;
        this.waiters = waiters;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
    }

    /** Who issued a command: a person, or the platform itself (a power plan) with a null id. */
    public record Issuer(@Nullable Long userId, String name) {

        public static Issuer of(Actor actor) {
            return new Issuer(actor.userId(), actor.username());
        }
    }

    /**
     * What a command belongs to: the device it is really for (a relayed Wake-on-LAN names the woken device, not the
     * relay) and the bulk action (batch) that issued it; both null for a plain command.
     */
    public record Link(@Nullable Long targetDeviceId, @Nullable Long batchId) {

        public static final Link NONE = new Link(null, null);
    }

    /**
     * Stores a command for {@code device} on behalf of {@code actor} (whose right to command it the caller checked)
     * and wakes the device's waiting long-poll once the command is committed.
     *
     * @param lifetime how long it waits for the agent; the module's default when null
     */
    public Issued issue(Actor actor, Device device, CommandType type, Map<String, String> args,
            @Nullable Duration lifetime, @Nullable String ip) {
        return issue(Issuer.of(actor), device, type, args, lifetime, ip, Link.NONE);
    }

    /** As {@link #issue(Actor, Device, CommandType, Map, Duration, String)}, for any issuer, with its links. */
    public Issued issue(Issuer issuer, Device device, CommandType type, Map<String, String> args,
            @Nullable Duration lifetime, @Nullable String ip, Link link) {
        if (!device.inService()) {
            throw org.ketang.platform.http.ApiProblem.conflict("设备已退役，不能再接收命令",
                    "The device is retired and takes no more commands");
        }
        CommandArgs.check(type, args, device.kind());
        String id = insert(issuer, device, type, args, lifetime, link, null);
        audit.record(new AuditTrail.Entry(issuer.userId(), issuer.name(), "device.command", target(device),
                type.name() + (args.isEmpty() ? "" : " " + Rows.clip(args.toString(), 300)) + "（命令 " + id + "）",
                AuditTrail.Outcome.SUCCESS, device.schoolId(), ip));
        AfterCommit.run(() -> waiters.wake(device.id()));
        return find(id).orElseThrow();
    }

    /**
     * Records an action the platform did itself for {@code device} (a Wake-on-LAN packet it sent): a command that
     * is finished when stored, so it shows in the device's command log and the action log but is never delivered.
     */
    public Issued record(Issuer issuer, Device device, CommandType type, Map<String, String> args, boolean ok,
            String message, @Nullable String ip, Link link) {
        String id = insert(issuer, device, type, args, null, link, new Done(ok, message));
        audit.record(new AuditTrail.Entry(issuer.userId(), issuer.name(), "device.command", target(device),
                type.name() + " " + Rows.clip(args.toString(), 300) + "（平台直接执行 " + id + "）：" + message,
                ok ? AuditTrail.Outcome.SUCCESS : AuditTrail.Outcome.FAILURE, device.schoolId(), ip));
        return find(id).orElseThrow();
    }

    private record Done(boolean ok, String message) {
    }

    private String insert(Issuer issuer, Device device, CommandType type, Map<String, String> args,
            @Nullable Duration lifetime, Link link, @Nullable Done done) {
        String argsJson = json.writeValueAsString(args);
        if (argsJson.length() > 16_000) {
            throw org.ketang.platform.http.ApiProblem.invalid("命令参数太长", "The command's arguments are too long");
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        Instant expires = now.plus(lifetime == null ? settings.commandLifetime() : lifetime);
        String state = done == null ? State.PENDING.name() : done.ok() ? State.SUCCEEDED.name() : State.FAILED.name();
        jdbc.sql("""
                insert into dev_command (id, device_id, school_id, type, args, state, issued_by, issued_by_name, issued_at,
                    expires_at, delivered_at, finished_at, ok, message, target_device_id, batch_id)
                values (:id, :device, :school, :type, :args, :state, :by, :byName, :now, :expires, :done, :done, :ok,
                    :message, :target, :batch)""")
                .param("id", id).param("device", device.id()).param("school", device.schoolId())
                .param("type", type.name()).param("args", argsJson).param("state", state)
                .param("by", issuer.userId()).param("byName", Rows.clip(issuer.name(), 120))
                .param("now", Rows.utc(now)).param("expires", Rows.utc(expires))
                .param("done", done == null ? null : Rows.utc(now)).param("ok", done == null ? null : done.ok())
                .param("message", done == null ? null : Rows.clip(done.message(), 1000))
                .param("target", link.targetDeviceId()).param("batch", link.batchId()).update();
        return id;
    }

    /** The device's unfinished, unexpired commands, oldest first, marked delivered. */
    public List<Command> deliver(long deviceId) {
        Instant now = clock.instant();
        List<Issued> open = jdbc.sql("""
                select * from dev_command where device_id = :device and state in ('PENDING', 'DELIVERED')
                   and expires_at > :now order by issued_at, id""")
                .param("device", deviceId).param("now", Rows.utc(now)).query(this::row).list();
        if (open.stream().anyMatch(c -> c.state() == State.PENDING)) {
            jdbc.sql("""
                    update dev_command set state = 'DELIVERED', delivered_at = :now
                     where device_id = :device and state = 'PENDING' and id in (:ids)""")
                    .param("now", Rows.utc(now)).param("device", deviceId)
                    .param("ids", open.stream().map(Issued::id).toList()).update();
        }
        return open.stream().map(Issued::toAgent).toList();
    }

    /**
     * Records the agent's result of one of its commands. Idempotent: a result for a finished command changes
     * nothing — except that a command the platform had given up on (EXPIRED) takes the agent's late answer, which is
     * what really happened.
     *
     * @return false when the device has no command with that id
     */
    public boolean finish(Device device, CommandResult result) {
        Optional<Issued> found = jdbc.sql("select * from dev_command where id = ? and device_id = ? for update")
                .params(result.commandId(), device.id()).query(this::row).optional();
        if (found.isEmpty()) {
            return false;
        }
        Issued command = found.get();
        if (command.state() == State.SUCCEEDED || command.state() == State.FAILED) {
            return true;
        }
        Instant finished = result.finishedAt() != null ? result.finishedAt() : clock.instant();
        String message = Rows.clip(result.message(), 1000);
        jdbc.sql("""
                update dev_command set state = :state, finished_at = :finished, ok = :ok, message = :message
                 where id = :id""")
                .param("state", (result.ok() ? State.SUCCEEDED : State.FAILED).name())
                .param("finished", Rows.utc(finished)).param("ok", result.ok()).param("message", message)
                .param("id", command.id()).update();
        finished(device, command, result.ok(), false, message, finished);
        return true;
    }

    /** Ends every open command whose time ran out. @return how many */
    public int expire() {
        Instant now = clock.instant();
        List<Issued> due = jdbc.sql("""
                select * from dev_command where state in ('PENDING', 'DELIVERED') and expires_at <= ?
                 order by expires_at fetch first 500 rows only""").param(Rows.utc(now)).query(this::row).list();
        int expired = 0;
        for (Issued command : due) {
            // a conditional update: when two nodes sweep at once, one of them ends the command
            int changed = jdbc.sql("""
                    update dev_command set state = 'EXPIRED', finished_at = :now, ok = false, message = :message
                     where id = :id and state in ('PENDING', 'DELIVERED')""")
                    .param("now", Rows.utc(now)).param("message", "expired").param("id", command.id()).update();
            Optional<Device> device = registry.find(command.deviceId());
            if (changed == 1 && device.isPresent()) {
                finished(device.get(), command, false, true, "expired", now);
                expired++;
            }
        }
        return expired;
    }

    public Optional<Issued> find(String id) {
        return jdbc.sql("select * from dev_command where id = ?").param(id).query(this::row).optional();
    }

    /** The commands of a bulk action, by device. */
    public List<Issued> ofBatch(long batchId) {
        return jdbc.sql("select * from dev_command where batch_id = ? order by device_id, issued_at").param(batchId)
                .query(this::row).list();
    }

    /** The latest commands of a school (or every school), newest first: the console's log of remote actions. */
    public List<Issued> recentOfSchool(@Nullable Long schoolId, int limit) {
        return jdbc.sql("""
                select * from dev_command where (cast(:school as bigint) is null or school_id = :school)
                 order by issued_at desc, id fetch first :limit rows only""")
                .param("school", schoolId).param("limit", limit).query(this::row).list();
    }

    /** A device's latest commands, newest first. */
    public List<Issued> recent(long deviceId, int limit) {
        return jdbc.sql("select * from dev_command where device_id = ? order by issued_at desc, id fetch first ? rows only")
                .params(deviceId, limit).query(this::row).list();
    }

    private void finished(Device device, Issued command, boolean ok, boolean expired, @Nullable String message,
            Instant at) {
        String outcome = expired ? "已过期，设备未确认" : ok ? "成功" : "失败";
        audit.record(new AuditTrail.Entry(command.issuedBy(), command.issuedByName(), "device.command-finished",
                target(device), command.type().name() + "（命令 " + command.id() + "）：" + outcome
                        + (message == null || expired ? "" : " — " + message),
                ok ? AuditTrail.Outcome.SUCCESS : AuditTrail.Outcome.FAILURE, device.schoolId(), null));
        events.publishEvent(new CommandFinished(command.id(), device.id(), device.classroomId(), device.schoolId(),
                command.type(), ok, expired, message, command.issuedBy(), at));
        log.debug("Command {} {} on device {} finished: ok={} expired={}", command.id(), command.type(), device.id(),
                ok, expired);
    }

    private static String target(Device device) {
        return device.name() + " #" + device.id();
    }

    private Issued row(ResultSet rs, int n) throws SQLException {
        Map<String, String> args;
        try {
            args = json.readValue(rs.getString("args"), ARGS);
        } catch (RuntimeException e) {
            args = Map.of();
        }
        return new Issued(rs.getString("id"), rs.getLong("device_id"), CommandType.valueOf(rs.getString("type")), args,
                State.valueOf(rs.getString("state")), rs.getObject("issued_by", Long.class),
                rs.getString("issued_by_name"), Rows.instant(rs, "issued_at"), Rows.instant(rs, "expires_at"),
                Rows.instantOrNull(rs, "delivered_at"), Rows.instantOrNull(rs, "finished_at"),
                rs.getObject("ok", Boolean.class), rs.getString("message"), rs.getObject("target_device_id", Long.class),
                rs.getObject("batch_id", Long.class));
    }
}
