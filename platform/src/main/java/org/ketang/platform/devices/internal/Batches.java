package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.CommandType;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.Device;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Reach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

import tools.jackson.databind.ObjectMapper;

/**
 * Bulk actions (批量操作) on many devices at once — power on/off, reboot, start/stop/extend recording, live on/off —
 * with a result per device: each device is checked and commanded on its own (its own transaction), so a device out
 * of reach or retired is reported as rejected while the others go ahead. The batch and each command are audited;
 * the command states (delivered, succeeded, failed, expired) are read back live by {@link #find}.
 */
@Service
public class Batches {

    /** What a bulk action does. */
    public enum Action {
        POWER_ON(null), SHUTDOWN(CommandType.SHUTDOWN), REBOOT(CommandType.REBOOT),
        START_RECORDING(CommandType.START_RECORDING), STOP_RECORDING(CommandType.STOP_RECORDING),
        EXTEND_RECORDING(CommandType.EXTEND_RECORDING), LIVE_ON(CommandType.LIVE_ON), LIVE_OFF(CommandType.LIVE_OFF);

        private final @Nullable CommandType command;

        Action(@Nullable CommandType command) {
            this.command = command;
        }
    }

    /**
     * One device of a batch.
     *
     * @param accepted whether a command went out (false: refused here, see message)
     * @param state    the command's state now (PENDING, DELIVERED, SUCCEEDED, FAILED, EXPIRED), null when refused
     */
    public record Item(long deviceId, @Nullable String deviceName, boolean accepted, @Nullable String commandId,
            @Nullable String state, @Nullable Boolean ok, @Nullable String message) {
    }

    /** A bulk action and its devices. */
    public record Batch(long id, String action, Map<String, String> args, @Nullable String issuedByName,
            Instant issuedAt, @Nullable Long planId, List<Item> items) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final DeviceAccess access;
    private final DeviceRegistry registry;
    private final Commands commands;
    private final Power power;
    private final AuditTrail audit;
    private final Reach reach;
    private final Clock clock = Clock.systemUTC();

    Batches(JdbcClient jdbc, ObjectMapper json, DeviceAccess access, DeviceRegistry registry, Commands commands,
            Power power, AuditTrail audit, Reach reach) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.registry = registry;
        this.commands = commands;
        this.power = power;
        this.audit = audit;
        this.reach = reach;
    }

    /** Runs {@code action} on the devices the actor may control; the others come back refused. */
    public Batch run(Actor actor, Action action, List<Long> deviceIds, Map<String, String> args, @Nullable String ip) {
        actor.require(Permission.DEVICE_CONTROL);
        if (deviceIds.isEmpty() || deviceIds.size() > 2000) {
            throw ApiProblem.invalid("请选择 1 到 2000 台设备", "Choose from 1 to 2000 devices");
        }
        List<Device> allowed = new ArrayList<>();
        List<Item> refused = new ArrayList<>();
        for (long id : new LinkedHashSet<>(deviceIds)) {
            try {
                allowed.add(access.controllableDevice(actor, id));
            } catch (ApiProblem e) {
                refused.add(new Item(id, null, false, null, null, false,
                        e.getStatusCode().value() == 404 ? "设备不存在或不在管辖范围 / no such device in reach"
                                : "无权控制该设备 / not allowed to control this device"));
            }
        }
        return run(Commands.Issuer.of(actor), action, allowed, refused, args, ip, null);
    }

    /** Runs {@code action} for a power plan (the platform is the issuer). */
    Batch runForPlan(long planId, String planName, Action action, List<Device> devices) {
        return run(new Commands.Issuer(null, "电源计划：" + planName), action, devices, new ArrayList<>(), Map.of(), null,
                planId);
    }

    private Batch run(Commands.Issuer issuer, Action action, List<Device> devices, List<Item> refused,
            Map<String, String> args, @Nullable String ip, @Nullable Long planId) {
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into dev_batch (action, args, issued_by, issued_by_name, issued_at, plan_id, devices, rejected)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(action.name(), Rows.clip(json.writeValueAsString(args), 2000), issuer.userId(),
                        Rows.clip(issuer.name(), 120), Rows.utc(now), planId, devices.size() + refused.size(),
                        Rows.clip(json.writeValueAsString(refused), 8000))
                .update(key, "id");
        long batchId = key.getKeyAs(Number.class) == null ? 0 : key.getKeyAs(Number.class).longValue();
        Commands.Link link = new Commands.Link(null, batchId);
        int accepted = 0;
        for (Device device : devices) {
            try {
                if (action == Action.POWER_ON) {
                    Power.Wake wake = power.wake(issuer, device, Power.Via.AUTO, ip, batchId);
                    if (wake.ok()) {
                        accepted++;
                    } else if (wake.commandId() == null) {
                        // nothing was sent (no MAC known, retired): the batch still names the device and why
                        refused.add(new Item(device.id(), device.name(), false, null, null, false, wake.message()));
                    }
                } else {
                    // checked before the command's transaction so a refusal here never marks anything rollback-only
                    CommandArgs.check(action.command, args, device.kind());
                    commands.issue(issuer, device, action.command, args, null, ip, link);
                    accepted++;
                }
            } catch (ApiProblem e) {
                refused.add(new Item(device.id(), device.name(), false, null, null, false, e.getBody().getDetail()));
            }
        }
        jdbc.sql("update dev_batch set rejected = ? where id = ?")
                .params(Rows.clip(json.writeValueAsString(refused), 8000), batchId).update();
        audit.record(new AuditTrail.Entry(issuer.userId(), issuer.name(), "device.bulk",
                devices.size() + refused.size() + " 台设备",
                action.name() + "（批次 " + batchId + "）：" + accepted + " 台已下达，" + (devices.size() + refused.size()
                        - accepted) + " 台未执行",
                accepted == devices.size() + refused.size() ? AuditTrail.Outcome.SUCCESS : AuditTrail.Outcome.FAILURE,
                devices.stream().map(Device::schoolId).distinct().count() == 1 ? devices.get(0).schoolId() : null,
                ip));
        return find(batchId).orElseThrow();
    }

    /** A batch the actor may see (DEVICE_VIEW, and at least one of its devices in reach). */
    public Batch find(Actor actor, long id) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        Batch batch = find(id).orElseThrow(() -> ApiProblem.notFound("批量操作", "Bulk action"));
        List<Item> mine = batch.items().stream().filter(i -> registry.find(i.deviceId())
                .filter(d -> visible.classroom(d.classroomId(), d.schoolId())).isPresent()).toList();
        if (mine.isEmpty()) {
            throw ApiProblem.notFound("批量操作", "Bulk action");
        }
        return new Batch(batch.id(), batch.action(), batch.args(), batch.issuedByName(), batch.issuedAt(),
                batch.planId(), mine);
    }

    Optional<Batch> find(long id) {
        return jdbc.sql("select * from dev_batch where id = ?").param(id).query(this::batch).optional();
    }

    private Batch batch(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        List<Item> items = new ArrayList<>();
        for (Commands.Issued c : commands.ofBatch(id)) {
            long deviceId = c.targetDeviceId() != null ? c.targetDeviceId() : c.deviceId();
            items.add(new Item(deviceId, registry.find(deviceId).map(Device::name).orElse(null), true, c.id(),
                    c.state().name(), c.ok(), c.message()));
        }
        items.addAll(List.of(json.readValue(rs.getString("rejected"), Item[].class)));
        @SuppressWarnings("unchecked")
        Map<String, String> args = json.readValue(rs.getString("args"), Map.class);
        return new Batch(id, rs.getString("action"), args, rs.getString("issued_by_name"),
                Rows.instant(rs, "issued_at"), rs.getObject("plan_id", Long.class), items);
    }
}
