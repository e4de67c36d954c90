package org.ketang.platform.devices.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.CommandType;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceEnrolled;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Reach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.ObjectMapper;

/**
 * Config profiles (配置方案) for recorders: resolution, bit rate, tracking, storage quota and upload window, versioned
 * (every change is a new version) and assigned to a school, a building or one device — the most specific assignment
 * wins. Whenever what a recorder should run changes, it gets an APPLY_CONFIG command with the version label
 * ({@code p<profile>v<version>}) and the agent config (see docs/agent-protocol.md); the recorder reports the label
 * it runs as {@code configVersion} in its heartbeats, and a refused apply shows as the command's failure.
 */
@Service
@Transactional
public class ConfigProfiles {

    private static final Pattern RESOLUTION = Pattern.compile("(\\d{3,4})x(\\d{3,4})");
    private static final Pattern WINDOW = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");

    /** A part of the picture as fractions of its width and height (0–1). */
    public record Region(double x, double y, double width, double height) {
    }

    /**
     * Tracking (跟踪) settings.
     *
     * @param sensitivity 1–10: how small a movement makes the camera follow
     * @param zoom        1.0–4.0: how close the tracked shot is
     */
    public record Tracking(boolean enabled, @Nullable Region region, @Nullable Integer sensitivity,
            @Nullable Double zoom) {
    }

    /**
     * What a profile sets; a null field leaves the recorder's own setting alone.
     *
     * @param resolution     e.g. {@code 1920x1080}
     * @param videoKbps      H.264 bit rate of the program
     * @param storageQuotaGb the most the recording library may hold (0: no limit)
     * @param uploadWindow   local times uploads may run in, e.g. {@code 17:00-07:00}
     */
    public record Settings(@Nullable String resolution, @Nullable Integer videoKbps, @Nullable Tracking tracking,
            @Nullable Integer storageQuotaGb, @Nullable String uploadWindow) {
    }

    /** A profile; {@code schoolId} null: a district profile any school may use. */
    public record Profile(long id, @Nullable Long schoolId, String name, int version, String versionLabel,
            Settings settings, Instant updatedAt) {
    }

    /** Where a profile applies. */
    public enum Scope {
        SCHOOL, BUILDING, DEVICE
    }

    public record Assignment(long id, long profileId, Scope scope, long targetId, long schoolId, Instant assignedAt) {
    }

    /**
     * What a recorder should run and what it runs.
     *
     * @param status NONE (no profile applies), PENDING (sent, not yet reported), APPLIED (reported back), FAILED (the
     *               agent refused it or never answered)
     */
    public record DeviceConfig(long deviceId, @Nullable Long profileId, @Nullable String profileName,
            @Nullable String expectedVersion, @Nullable String reportedVersion, String status,
            @Nullable String commandId, @Nullable String message) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final DeviceRegistry registry;
    private final DeviceAccess access;
    private final Directory directory;
    private final Reach reach;
    private final Commands commands;
    private final StatusBoard board;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    ConfigProfiles(JdbcClient jdbc, ObjectMapper json, DeviceRegistry registry, DeviceAccess access,
            Directory directory, Reach reach, Commands commands, StatusBoard board, AuditTrail audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.registry = registry;
        this.access = access;
        this.directory = directory;
        this.reach = reach;
        this.commands = commands;
        this.board = board;
        this.audit = audit;
    }

    /** District profiles and those of the schools the actor sees. */
    @Transactional(readOnly = true)
    public List<Profile> list(Actor actor) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        return jdbc.sql("select * from dev_config_profile order by id").query(this::profile).list().stream()
                .filter(p -> p.schoolId() == null || visible.school(p.schoolId())).toList();
    }

    public Profile create(Actor actor, @Nullable Long schoolId, @Nullable String name, @Nullable Settings settings,
            @Nullable String ip) {
        mayEdit(actor, schoolId);
        Settings checked = check(settings);
        jdbc.sql("""
                insert into dev_config_profile (school_id, name, version, settings, updated_by, updated_at)
                values (?, ?, 1, ?, ?, ?)""")
                .params(schoolId, name(name), json.writeValueAsString(checked), actor.userId(),
                        Rows.utc(clock.instant()))
                .update();
        long id = jdbc.sql("select max(id) from dev_config_profile").query(Long.class).single();
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.config-profile", name(name),
                "新建配置方案 p" + id + "v1：" + json.writeValueAsString(checked), AuditTrail.Outcome.SUCCESS, schoolId,
                ip));
        return find(id).orElseThrow();
    }

    /** A new version of the profile, rolled out to every recorder that runs it. */
    public Profile update(Actor actor, long id, @Nullable String name, @Nullable Settings settings,
            @Nullable String ip) {
        Profile old = visible(actor, id);
        mayEdit(actor, old.schoolId());
        Settings checked = check(settings);
        jdbc.sql("""
                update dev_config_profile set name = ?, version = version + 1, settings = ?, updated_by = ?,
                       updated_at = ? where id = ?""")
                .params(name(name), json.writeValueAsString(checked), actor.userId(), Rows.utc(clock.instant()), id)
                .update();
        Profile now = find(id).orElseThrow();
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.config-profile", now.name(),
                "配置方案新版本 " + now.versionLabel() + "：" + json.writeValueAsString(checked),
                AuditTrail.Outcome.SUCCESS, now.schoolId(), ip));
        List<Long> schools = jdbc.sql("select distinct school_id from dev_config_assignment where profile_id = ?")
                .param(id).query(Long.class).list();
        for (long school : schools) {
            rollout(Commands.Issuer.of(actor), school, ip);
        }
        return now;
    }

    /** Assigns a profile to a school, a building of a school, or a device; rolls out at once. */
    public Assignment assign(Actor actor, long profileId, Scope scope, long targetId, @Nullable Long schoolId,
            @Nullable String ip) {
        Profile profile = visible(actor, profileId);
        long school;
        String target;
        switch (scope) {
            case DEVICE -> {
                Device device = access.controllableDevice(actor, targetId);
                if (device.kind() != DeviceKind.RECORDER) {
                    throw ApiProblem.conflict("配置方案只用于录播主机", "Config profiles are for recorders only");
                }
                school = device.schoolId();
                target = device.name() + " #" + device.id();
            }
            case BUILDING -> {
                if (schoolId == null) {
                    throw ApiProblem.invalid("按教学楼分配需要 schoolId", "schoolId is required for a building");
                }
                school = controllableSchool(actor, schoolId);
                Directory.ClassroomInfo room = directory.recordingClassrooms(school).stream()
                        .filter(r -> r.buildingId() == targetId).findFirst()
                        .orElseThrow(() -> ApiProblem.notFound("教学楼", "Building"));
                target = room.buildingName();
            }
            default -> {
                school = controllableSchool(actor, targetId);
                target = directory.schoolName(school);
            }
        }
        if (profile.schoolId() != null && profile.schoolId() != school) {
            throw ApiProblem.conflict("该配置方案属于另一所学校", "The profile belongs to another school");
        }
        jdbc.sql("delete from dev_config_assignment where scope = ? and target_id = ?").params(scope.name(), targetId)
                .update();
        jdbc.sql("""
                insert into dev_config_assignment (profile_id, scope, target_id, school_id, assigned_by, assigned_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(profileId, scope.name(), targetId, school, actor.userId(), Rows.utc(clock.instant())).update();
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.config-assigned", target,
                "配置方案 " + profile.name() + "（" + profile.versionLabel() + "）", AuditTrail.Outcome.SUCCESS, school,
                ip));
        rollout(Commands.Issuer.of(actor), school, ip);
        return jdbc.sql("select * from dev_config_assignment where scope = ? and target_id = ?")
                .params(scope.name(), targetId).query(ConfigProfiles::assignment).single();
    }

    public void unassign(Actor actor, long assignmentId, @Nullable String ip) {
        Assignment a = jdbc.sql("select * from dev_config_assignment where id = ?").param(assignmentId)
                .query(ConfigProfiles::assignment).optional()
                .filter(x -> reach.of(actor).school(x.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("分配", "Assignment"));
        controllableSchool(actor, a.schoolId());
        jdbc.sql("delete from dev_config_assignment where id = ?").param(assignmentId).update();
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), "device.config-unassigned",
                a.scope() + " " + a.targetId(), "配置方案 #" + a.profileId(), AuditTrail.Outcome.SUCCESS,
                a.schoolId(), ip));
        rollout(Commands.Issuer.of(actor), a.schoolId(), ip);
    }

    @Transactional(readOnly = true)
    public List<Assignment> assignments(Actor actor, @Nullable Long schoolId) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        return jdbc.sql("""
                select * from dev_config_assignment where (cast(:school as bigint) is null or school_id = :school)
                 order by school_id, scope, target_id""").param("school", actor.schoolToQuery(schoolId))
                .query(ConfigProfiles::assignment).list().stream().filter(a -> visible.school(a.schoolId())).toList();
    }

    /**
     * Sends APPLY_CONFIG to every in-service recorder of the school whose effective profile version differs from
     * what it was last sent. @return the commands sent
     */
    public List<Commands.Issued> rollout(Commands.Issuer issuer, long schoolId, @Nullable String ip) {
        Map<String, Long> byTarget = new LinkedHashMap<>();
        jdbc.sql("select * from dev_config_assignment where school_id = ?").param(schoolId)
                .query(ConfigProfiles::assignment).list()
                .forEach(a -> byTarget.put(a.scope() + ":" + a.targetId(), a.profileId()));
        List<Commands.Issued> sent = new ArrayList<>();
        for (Device device : registry.inService(DeviceKind.RECORDER, schoolId)) {
            Long profileId = byTarget.get("DEVICE:" + device.id());
            if (profileId == null) {
                profileId = directory.classroom(device.classroomId())
                        .map(r -> byTarget.get("BUILDING:" + r.buildingId())).orElse(null);
            }
            if (profileId == null) {
                profileId = byTarget.get("SCHOOL:" + schoolId);
            }
            if (profileId == null) {
                continue;
            }
            Profile profile = find(profileId).orElseThrow();
            Optional<String> sentVersion = jdbc.sql("select version from dev_device_config where device_id = ?")
                    .param(device.id()).query(String.class).optional();
            if (sentVersion.isPresent() && sentVersion.get().equals(profile.versionLabel())) {
                continue;
            }
            Map<String, String> args = Map.of("version", profile.versionLabel(), "config",
                    json.writeValueAsString(agentConfig(profile.settings())));
            Commands.Issued command = commands.issue(issuer, device, CommandType.APPLY_CONFIG, args, null, ip,
                    new Commands.Link(device.id(), null));
            jdbc.sql("delete from dev_device_config where device_id = ?").param(device.id()).update();
            jdbc.sql("""
                    insert into dev_device_config (device_id, profile_id, version, command_id, sent_at)
                    values (?, ?, ?, ?, ?)""")
                    .params(device.id(), profile.id(), profile.versionLabel(), command.id(), Rows.utc(clock.instant()))
                    .update();
            sent.add(command);
        }
        return sent;
    }

    /** A new recorder gets the profile its school, building or classroom runs. */
    @ApplicationModuleListener
    void enrolled(DeviceEnrolled event) {
        if (event.kind() == DeviceKind.RECORDER) {
            rollout(new Commands.Issuer(null, "平台 / platform"), event.schoolId(), null);
        }
    }

    /** What each device should run and runs. */
    @Transactional(readOnly = true)
    public Map<Long, DeviceConfig> configs(List<Device> devices) {
        Map<Long, DeviceConfig> out = new LinkedHashMap<>();
        Map<Long, AgentStatus> statuses = board.of(devices.stream().map(Device::id).toList());
        for (Device d : devices) {
            AgentStatus status = statuses.get(d.id());
            String reported = status == null ? null : status.configVersion();
            record Sent(long profileId, String version, @Nullable String commandId) {
            }
            Optional<Sent> sent = jdbc.sql("select * from dev_device_config where device_id = ?").param(d.id())
                    .query((rs, n) -> new Sent(rs.getLong("profile_id"), rs.getString("version"),
                            rs.getString("command_id")))
                    .optional();
            if (sent.isEmpty()) {
                out.put(d.id(), new DeviceConfig(d.id(), null, null, null, reported, "NONE", null, null));
                continue;
            }
            Optional<Commands.Issued> command = sent.get().commandId() == null ? Optional.empty()
                    : commands.find(sent.get().commandId());
            String state;
            if (sent.get().version().equals(reported)) {
                state = "APPLIED";
            } else if (command.isPresent() && (command.get().state() == Commands.State.FAILED
                    || command.get().state() == Commands.State.EXPIRED)) {
                state = "FAILED";
            } else {
                state = "PENDING";
            }
            out.put(d.id(), new DeviceConfig(d.id(), sent.get().profileId(),
                    find(sent.get().profileId()).map(Profile::name).orElse(null), sent.get().version(), reported,
                    state, sent.get().commandId(), command.map(Commands.Issued::message).orElse(null)));
        }
        return out;
    }

    /**
     * The agent config of a profile: the recorder's own settings keys ({@code program}, {@code storage},
     * {@code upload}) plus {@code tracking} in the recorder's own keys.
     */
    static Map<String, Object> agentConfig(Settings s) {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> program = new LinkedHashMap<>();
        if (s.resolution() != null) {
            Matcher m = RESOLUTION.matcher(s.resolution());
            if (m.matches()) {
                program.put("width", Integer.parseInt(m.group(1)));
                program.put("height", Integer.parseInt(m.group(2)));
            }
        }
        if (s.videoKbps() != null) {
            program.put("videoKbps", s.videoKbps());
        }
        if (!program.isEmpty()) {
            config.put("program", program);
        }
        if (s.storageQuotaGb() != null) {
            config.put("storage", Map.of("maxBytes", s.storageQuotaGb() * (1L << 30)));
        }
        if (s.uploadWindow() != null) {
            config.put("upload", Map.of("window", s.uploadWindow()));
        }
        if (s.tracking() != null) {
            config.put("tracking", trackingConfig(s.tracking()));
        }
        return config;
    }

    /**
     * The recorder's {@code tracking} keys (docs/agent-protocol.md): the console's region is the teacher camera's
     * {@code teachingArea}, and its sensitivity steps 1–10 are the recorder's 0.1–1.0.
     */
    static Map<String, Object> trackingConfig(Tracking t) {
        Map<String, Object> tracking = new LinkedHashMap<>();
        tracking.put("enabled", t.enabled());
        if (t.region() != null) {
            tracking.put("teachingArea", t.region());
        }
        if (t.sensitivity() != null) {
            tracking.put("sensitivity", t.sensitivity() / 10.0);
        }
        if (t.zoom() != null) {
            tracking.put("zoom", t.zoom());
        }
        return tracking;
    }

    private Settings check(@Nullable Settings s) {
        if (s == null) {
            throw ApiProblem.invalid("请填写配置内容", "settings are required");
        }
        String resolution = s.resolution() == null || s.resolution().isBlank() ? null
                : s.resolution().strip().toLowerCase(Locale.ROOT);
        if (resolution != null) {
            Matcher m = RESOLUTION.matcher(resolution);
            if (!m.matches() || Integer.parseInt(m.group(1)) % 2 != 0 || Integer.parseInt(m.group(2)) % 2 != 0
                    || Integer.parseInt(m.group(1)) > 3840 || Integer.parseInt(m.group(2)) > 2160) {
                throw ApiProblem.invalid("分辨率必须形如 1920x1080（偶数，最大 3840x2160）",
                        "resolution must look like 1920x1080 (even numbers, at most 3840x2160)");
            }
        }
        if (s.videoKbps() != null && (s.videoKbps() < 256 || s.videoKbps() > 40_000)) {
            throw ApiProblem.invalid("码率必须在 256 到 40000 kbps 之间", "videoKbps must be from 256 to 40000");
        }
        if (s.storageQuotaGb() != null && (s.storageQuotaGb() < 0 || s.storageQuotaGb() > 100_000)) {
            throw ApiProblem.invalid("存储配额必须在 0 到 100000 GB 之间", "storageQuotaGb must be from 0 to 100000");
        }
        String window = s.uploadWindow() == null || s.uploadWindow().isBlank() ? null : s.uploadWindow().strip();
        if (window != null && !WINDOW.matcher(window).matches()) {
            throw ApiProblem.invalid("上传时段必须形如 17:00-07:00", "uploadWindow must look like 17:00-07:00");
        }
        Tracking t = s.tracking();
        if (t != null) {
            Region r = t.region();
            if (r != null && (r.x() < 0 || r.y() < 0 || r.width() <= 0 || r.height() <= 0 || r.x() + r.width() > 1.0001
                    || r.y() + r.height() > 1.0001)) {
                throw ApiProblem.invalid("跟踪区域必须在画面之内（0–1 的比例）",
                        "The tracking region must lie inside the picture (fractions 0–1)");
            }
            if (t.sensitivity() != null && (t.sensitivity() < 1 || t.sensitivity() > 10)) {
                throw ApiProblem.invalid("跟踪灵敏度必须在 1 到 10 之间", "sensitivity must be from 1 to 10");
            }
            if (t.zoom() != null && (t.zoom() < 1 || t.zoom() > 4)) {
                throw ApiProblem.invalid("跟踪变焦必须在 1.0 到 4.0 之间", "zoom must be from 1.0 to 4.0");
            }
        }
        return new Settings(resolution, s.videoKbps(), t, s.storageQuotaGb(), window);
    }

    private static String name(@Nullable String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 120) {
            throw ApiProblem.invalid("请填写方案名称（最多 120 个字符）", "name is required (at most 120 characters)");
        }
        return n;
    }

    private void mayEdit(Actor actor, @Nullable Long schoolId) {
        actor.require(Permission.DEVICE_CONTROL);
        if (schoolId == null) {
            if (!actor.isDistrictWide()) {
                throw ApiProblem.forbidden();
            }
        } else {
            controllableSchool(actor, schoolId);
        }
    }

    private long controllableSchool(Actor actor, long schoolId) {
        actor.require(Permission.DEVICE_CONTROL);
        if (!reach.of(actor).school(schoolId)) {
            throw ApiProblem.notFound("学校", "School");
        }
        if (!actor.reachesWholeSchool(schoolId)) {
            throw ApiProblem.forbidden();
        }
        return schoolId;
    }

    private Profile visible(Actor actor, long id) {
        actor.require(Permission.DEVICE_VIEW);
        return find(id).filter(p -> p.schoolId() == null || reach.of(actor).school(p.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("配置方案", "Config profile"));
    }

    Optional<Profile> find(long id) {
        return jdbc.sql("select * from dev_config_profile where id = ?").param(id).query(this::profile).optional();
    }

    private Profile profile(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        int version = rs.getInt("version");
        return new Profile(id, rs.getObject("school_id", Long.class), rs.getString("name"), version,
                "p" + id + "v" + version, json.readValue(rs.getString("settings"), Settings.class),
                Rows.instant(rs, "updated_at"));
    }

    private static Assignment assignment(ResultSet rs, int n) throws SQLException {
        return new Assignment(rs.getLong("id"), rs.getLong("profile_id"), Scope.valueOf(rs.getString("scope")),
                rs.getLong("target_id"), rs.getLong("school_id"), Rows.instant(rs, "assigned_at"));
    }
}
