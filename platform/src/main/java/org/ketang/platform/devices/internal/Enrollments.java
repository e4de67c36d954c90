package org.ketang.platform.devices.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.EnrollRequest;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceEnrolled;
import org.ketang.platform.devices.DeviceEnrollment;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.DeviceCredentials;
import org.ketang.platform.organization.Directory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding devices: an admin gets a one-time code for a classroom; the box exchanges it for its own account and
 * token. A new recorder in a classroom retires the one before it (its history stays). Nothing restarts.
 */
@Component
@Transactional
public class Enrollments implements DeviceEnrollment {

    /** How long an unused code stays valid: a technician may install the box the next day. */
    static final Duration CODE_LIFETIME = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Directory directory;
    private final DeviceAccess access;
    private final DeviceCredentials credentials;
    private final DeviceRegistry registry;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Enrollments(JdbcClient jdbc, Directory directory, DeviceAccess access, DeviceCredentials credentials,
            DeviceRegistry registry, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.access = access;
        this.credentials = credentials;
        this.registry = registry;
        this.audit = audit;
        this.events = events;
    }

    /** A code issued for a classroom; {@code code} is shown once and stored only as a hash. */
    public record IssuedCode(String code, DeviceKind kind, long classroomId, String classroomName, Instant expiresAt) {
    }

    /** A new one-time code for a device of {@code kind} in {@code classroomId}. */
    public IssuedCode issueCode(Actor actor, long classroomId, DeviceKind kind, @Nullable String ip) {
        Directory.ClassroomInfo room = manageableClassroom(actor, classroomId, kind);
        String code = EnrollmentCode.generate();
        Instant now = clock.instant();
        Instant expires = now.plus(CODE_LIFETIME);
        jdbc.sql("""
                insert into dev_enrollment_code (code_hash, kind, classroom_id, school_id, created_by, created_at, expires_at)
                values (:hash, :kind, :room, :school, :by, :now, :expires)""")
                .param("hash", EnrollmentCode.hash(code)).param("kind", kind.name()).param("room", classroomId)
                .param("school", room.schoolId()).param("by", actor.userId()).param("now", utc(now))
                .param("expires", utc(expires)).update();
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.code-issued",
                room.name() + " " + kind.nameZh(), null, AuditTrail.Outcome.SUCCESS, room.schoolId(), ip));
        return new IssuedCode(code, kind, classroomId, room.name(), expires);
    }

    /**
     * Exchanges a code for a device account. Answers 404 {@code enrollment-code-invalid} for an unknown, used or
     * expired code (the same answer for each, so a guesser learns nothing) and 400 for a kind that differs from the
     * code's.
     */
    public Enrolled enroll(EnrollRequest request, @Nullable String ip) {
        Instant now = clock.instant();
        Code code = jdbc.sql("""
                select code_hash, kind, classroom_id, school_id, created_by from dev_enrollment_code
                 where code_hash = :hash and used_at is null and expires_at > :now for update""")
                .param("hash", EnrollmentCode.hash(request.code())).param("now", utc(now))
                .query((rs, n) -> new Code(rs.getString("code_hash"), DeviceKind.valueOf(rs.getString("kind")),
                        rs.getLong("classroom_id"), rs.getLong("school_id"), rs.getLong("created_by")))
                .optional().orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                        "enrollment-code-invalid", "注册码无效、已使用或已过期，请在平台上重新生成",
                        "The enrollment code is unknown, used or expired: create a new one in the platform"));
        DeviceKind kind = DeviceKind.parse(request.kind()).orElseThrow(() -> ApiProblem.invalid(
                "设备类型必须是 recorder 或 display", "The kind must be recorder or display"));
        if (kind != code.kind()) {
            throw ApiProblem.invalid("此注册码用于" + code.kind().nameZh() + "，不能用于" + kind.nameZh(),
                    "This code is for a " + code.kind().nameEn() + ", not a " + kind.nameEn());
        }
        Directory.ClassroomInfo room = directory.classroom(code.classroomId())
                .orElseThrow(() -> ApiProblem.notFound("教室", "Classroom"));
        Enrolled enrolled = register(kind, room, request, code.createdBy(), null, ip, now);
        jdbc.sql("update dev_enrollment_code set used_at = :now, device_id = :device where code_hash = :hash")
                .param("now", utc(now)).param("device", enrolled.device().id()).param("hash", code.hash()).update();
        return enrolled;
    }

    @Override
    public Enrolled enroll(Actor admin, long classroomId, DeviceKind kind, EnrollRequest details, @Nullable String ip) {
        Directory.ClassroomInfo room = manageableClassroom(admin, classroomId, kind);
        return register(kind, room, details, admin.userId(), admin.username(), ip, clock.instant());
    }

    private Enrolled register(DeviceKind kind, Directory.ClassroomInfo room, EnrollRequest details, long enrolledBy,
            @Nullable String enrolledByName, @Nullable String ip, Instant now) {
        Device previous = kind == DeviceKind.RECORDER ? registry.recorderOf(room.classroomId()).orElse(null) : null;
        String name = room.name() + " " + kind.nameZh();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into dev_device (kind, classroom_id, school_id, name, hostname, model, agent_version, mac, ip,
                    netmask, enrolled_at)
                values (:kind, :room, :school, :name, :hostname, :model, :version, :mac, :ip, :netmask, :now)""")
                .param("kind", kind.name()).param("room", room.classroomId()).param("school", room.schoolId())
                .param("name", name).param("hostname", clip(details.hostname(), 255))
                .param("model", clip(details.model(), 255)).param("version", clip(details.agentVersion(), 64))
                .param("mac", clip(details.mac(), 17)).param("ip", clip(details.ip(), 45))
                .param("netmask", details.netmask()).param("now", utc(now)).update(keys, "id");
        long deviceId = keys.getKeyAs(Number.class).longValue();
        DeviceCredentials.Issued issued = credentials.create("device-" + deviceId, name, room.schoolId());
        jdbc.sql("update dev_device set account_id = :account where id = :id").param("account", issued.accountId())
                .param("id", deviceId).update();
        if (previous != null) {
            retire(previous, deviceId, now);
        }
        audit.record(new AuditTrail.Entry(enrolledBy, enrolledByName, "device.enrolled", name + " #" + deviceId,
                previous == null ? details.hostname() : "取代设备 #" + previous.id(), AuditTrail.Outcome.SUCCESS,
                room.schoolId(), ip));
        events.publishEvent(new DeviceEnrolled(deviceId, kind, room.classroomId(), room.schoolId(), enrolledBy,
                previous == null ? null : previous.id()));
        return new Enrolled(registry.find(deviceId).orElseThrow(), issued.token(), room.name(),
                directory.schoolName(room.schoolId()));
    }

    /** Takes a device out of service: its token stops working at once; its history stays. */
    public void retire(Actor actor, long deviceId, @Nullable String ip) {
        Device device = access.controllableDevice(actor, deviceId);
        if (device.inService()) {
            retire(device, null, clock.instant());
        }
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.retired",
                device.name() + " #" + device.id(), null, AuditTrail.Outcome.SUCCESS, device.schoolId(), ip));
    }

    private void retire(Device device, @Nullable Long replacedBy, Instant now) {
        jdbc.sql("update dev_device set retired_at = :now, replaced_by = :by where id = :id").param("now", utc(now))
                .param("by", replacedBy).param("id", device.id()).update();
        if (device.accountId() != null) {
            credentials.retire(device.accountId());
        }
    }

    /** A classroom the actor may add a device of {@code kind} to, or the problem saying why not. */
    private Directory.ClassroomInfo manageableClassroom(Actor actor, long classroomId, DeviceKind kind) {
        Directory.ClassroomInfo room = access.controllableClassroom(actor, classroomId);
        if (kind == DeviceKind.RECORDER) {
            DeviceAccess.requireRecording(room);
        }
        return room;
    }

    private static @Nullable String clip(@Nullable String value, int max) {
        return Rows.clip(value, max);
    }

    private static OffsetDateTime utc(Instant instant) {
        return Rows.utc(instant);
    }

    private record Code(String hash, DeviceKind kind, long classroomId, long schoolId, long createdBy) {
    }
}
