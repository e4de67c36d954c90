package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.Devices;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@code dev_device} table. */
@Component
@Transactional(readOnly = true)
public class DeviceRegistry implements Devices {

    private final JdbcClient jdbc;

    DeviceRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Device> find(long deviceId) {
        return jdbc.sql("select * from dev_device where id = ?").param(deviceId).query(DeviceRegistry::device).optional();
    }

    @Override
    public Optional<Device> of(Actor actor) {
        if (!actor.can(Permission.DEVICE_AGENT)) {
            return Optional.empty();
        }
        return jdbc.sql("select * from dev_device where account_id = ? and retired_at is null").param(actor.userId())
                .query(DeviceRegistry::device).optional();
    }

    /** The in-service device whose identity account is {@code accountId}. */
    public Optional<Device> byAccount(long accountId) {
        return jdbc.sql("select * from dev_device where account_id = ? and retired_at is null").param(accountId)
                .query(DeviceRegistry::device).optional();
    }

    /**
     * Keeps what the agent says about itself current (software version, and the address and MAC that Wake-on-LAN
     * needs); writes only when something changed, so a steady heartbeat costs no update here.
     */
    @Transactional
    public void reported(Device device, @Nullable String agentVersion, @Nullable String mac, @Nullable String ip,
            @Nullable Integer netmask) {
        String version = agentVersion == null ? device.agentVersion() : Rows.clip(agentVersion, 64);
        String newMac = mac == null ? device.mac() : Rows.clip(mac, 17);
        String newIp = ip == null ? device.ip() : Rows.clip(ip, 45);
        Integer newNetmask = netmask == null || netmask < 0 || netmask > 32 ? device.netmask() : netmask;
        if (Objects.equals(version, device.agentVersion()) && Objects.equals(newMac, device.mac())
                && Objects.equals(newIp, device.ip()) && Objects.equals(newNetmask, device.netmask())) {
            return;
        }
        jdbc.sql("update dev_device set agent_version = ?, mac = ?, ip = ?, netmask = ? where id = ?")
                .params(version, newMac, newIp, newNetmask, device.id()).update();
    }

    @Override
    public Optional<Device> recorderOf(long classroomId) {
        return jdbc.sql("select * from dev_device where classroom_id = ? and kind = ? and retired_at is null")
                .param(classroomId).param(DeviceKind.RECORDER.name()).query(DeviceRegistry::device).optional();
    }

    @Override
    public List<Device> inService(DeviceKind kind, @Nullable Long schoolId) {
        return jdbc.sql("""
                select * from dev_device where kind = :kind and retired_at is null
                   and (cast(:school as bigint) is null or school_id = :school)
                 order by school_id, classroom_id, id""")
                .param("kind", kind.name()).param("school", schoolId).query(DeviceRegistry::device).list();
    }

    /** Every device of a school (or all schools), retired ones included, newest first within a classroom. */
    public List<Device> all(@Nullable Long schoolId, boolean withRetired) {
        return jdbc.sql("""
                select * from dev_device where (cast(:school as bigint) is null or school_id = :school)
                   and (:retired or retired_at is null)
                 order by school_id, classroom_id, id desc""")
                .param("school", schoolId).param("retired", withRetired).query(DeviceRegistry::device).list();
    }

    static Device device(ResultSet rs, int row) throws SQLException {
        return new Device(rs.getLong("id"), DeviceKind.valueOf(rs.getString("kind")), rs.getLong("classroom_id"),
                rs.getLong("school_id"), rs.getObject("account_id", Long.class), rs.getString("name"),
                rs.getString("hostname"), rs.getString("model"), rs.getString("agent_version"), rs.getString("mac"),
                rs.getString("ip"), rs.getObject("netmask", Integer.class), Rows.instant(rs, "enrolled_at"),
                Rows.instantOrNull(rs, "retired_at"));
    }
}
