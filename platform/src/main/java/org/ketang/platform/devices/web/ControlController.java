package org.ketang.platform.devices.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.ketang.agent.protocol.CommandType;
import org.ketang.platform.devices.Device;
import org.ketang.platform.devices.DeviceKind;
import org.ketang.platform.devices.internal.Alerts;
import org.ketang.platform.devices.internal.Batches;
import org.ketang.platform.devices.internal.Commands;
import org.ketang.platform.devices.internal.ConfigProfiles;
import org.ketang.platform.devices.internal.DeviceAccess;
import org.ketang.platform.devices.internal.DeviceRegistry;
import org.ketang.platform.devices.internal.Inventory;
import org.ketang.platform.devices.internal.Power;
import org.ketang.platform.devices.internal.PowerPlans;
import org.ketang.platform.devices.internal.StatusBoard;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.organization.Reach;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The control centre (集控) for people: inventory, health history, alert acknowledgement, remote power, bulk
 * actions, power plans, config profiles and the log of remote actions. Looking needs DEVICE_VIEW and the device or
 * school in reach (404 otherwise); acting needs DEVICE_CONTROL over the whole school (403 otherwise).
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "devices", description = "设备与集控 / devices")
class ControlController {

    private final Inventory inventory;
    private final DeviceAccess access;
    private final DeviceRegistry registry;
    private final StatusBoard board;
    private final Alerts alerts;
    private final Reach reach;
    private final Power power;
    private final Commands commands;
    private final Batches batches;
    private final PowerPlans plans;
    private final ConfigProfiles profiles;

    ControlController(Inventory inventory, DeviceAccess access, DeviceRegistry registry, StatusBoard board,
            Alerts alerts, Reach reach, Power power, Commands commands, Batches batches, PowerPlans plans,
            ConfigProfiles profiles) {
        this.inventory = inventory;
        this.access = access;
        this.registry = registry;
        this.board = board;
        this.alerts = alerts;
        this.reach = reach;
        this.power = power;
        this.commands = commands;
        this.batches = batches;
        this.plans = plans;
        this.profiles = profiles;
    }

    /** Every recorder and display in reach (retired ones with {@code retired=true}). */
    @GetMapping("/inventory")
    List<Inventory.Row> inventory(Actor actor, @RequestParam @Nullable Long schoolId,
            @RequestParam @Nullable String kind, @RequestParam(defaultValue = "false") boolean retired) {
        DeviceKind k = kind == null || kind.isBlank() ? null : DeviceKind.parse(kind)
                .orElseThrow(() -> ApiProblem.invalid("设备类型必须是 recorder 或 display",
                        "The kind must be recorder or display"));
        return inventory.list(actor, schoolId, k, retired);
    }

    /** Health samples (about one a minute) of the last {@code hours} (1–168), oldest first, for the charts. */
    @GetMapping("/{id}/health")
    List<StatusBoard.Sample> health(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "24") int hours) {
        Device device = access.visibleDevice(actor, id, Permission.DEVICE_VIEW);
        int h = Math.max(1, Math.min(hours, 168));
        return board.history(device.id(), Instant.now().minus(Duration.ofHours(h)));
    }

    record OpenAlerts(int count) {
    }

    /** How many alerts in reach nobody acknowledged yet: the console's badge. */
    @GetMapping("/alerts/open-count")
    OpenAlerts openAlerts(Actor actor, @RequestParam @Nullable Long schoolId) {
        return new OpenAlerts(visibleAlerts(actor, schoolId, 1000).size());
    }

    /** Acknowledges an alert (who and when are kept); acknowledging twice keeps the first. */
    @PostMapping("/alerts/{id}/acknowledge")
    Alerts.Alert acknowledge(Actor actor, @PathVariable long id) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        Alerts.Alert alert = alerts.find(id).filter(a -> a.classroomId() == null ? visible.wholeSchool(a.schoolId())
                : visible.classroom(a.classroomId(), a.schoolId()))
                .orElseThrow(() -> ApiProblem.notFound("告警", "Alert"));
        if (!actor.can(Permission.DEVICE_CONTROL) || !actor.reachesWholeSchool(alert.schoolId())) {
            throw ApiProblem.forbidden();
        }
        alerts.acknowledge(id, actor.userId(), actor.username(), Instant.now());
        return alerts.find(id).orElseThrow();
    }

    record PowerRequest(@Nullable String action, @Nullable String via) {
    }

    /**
     * What a power action did: for ON the wake (direct packet and/or relay), for OFF and REBOOT the command sent to
     * the agent.
     */
    record PowerResult(long deviceId, String action, boolean ok, String message, @Nullable String commandId,
            @Nullable String directTo, @Nullable Long relayDeviceId) {
    }

    /** Powers a room's device on (Wake-on-LAN), off or reboots it: 202 with what was done. */
    @PostMapping("/{id}/power")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PowerResult power(Actor actor, @PathVariable long id, @RequestBody PowerRequest request, HttpServletRequest http) {
        Device device = access.controllableDevice(actor, id);
        String action = request.action() == null ? "" : request.action().strip().toUpperCase(Locale.ROOT);
        switch (action) {
            case "ON" -> {
                Power.Via via = parse(Power.Via.class, request.via() == null ? "AUTO" : request.via(), "via");
                Power.Wake wake = power.wake(Commands.Issuer.of(actor), device, via, http.getRemoteAddr(), null);
                if (!wake.ok()) {
                    throw new ApiProblem(HttpStatus.CONFLICT, "wake-failed", wake.message(), wake.message())
                            .with("result", wake);
                }
                return new PowerResult(id, action, true, wake.message(), wake.commandId(), wake.directTo(),
                        wake.relayDeviceId());
            }
            case "OFF", "REBOOT" -> {
                CommandType type = action.equals("OFF") ? CommandType.SHUTDOWN : CommandType.REBOOT;
                Commands.Issued issued = commands.issue(actor, device, type, Map.of(), null, http.getRemoteAddr());
                return new PowerResult(id, action, true, type.name(), issued.id(), null, null);
            }
            default -> throw ApiProblem.invalid("action 必须是 ON、OFF 或 REBOOT", "action must be ON, OFF or REBOOT");
        }
    }

    record BulkRequest(@Nullable String action, @Nullable List<Long> deviceIds, @Nullable Map<String, String> args) {
    }

    /** A bulk action with a result per device (devices out of reach come back refused, not as an error). */
    @PostMapping("/bulk")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Batches.Batch bulk(Actor actor, @RequestBody BulkRequest request, HttpServletRequest http) {
        if (request.action() == null || request.deviceIds() == null) {
            throw ApiProblem.invalid("请选择操作和设备", "action and deviceIds are required");
        }
        Batches.Action action = parse(Batches.Action.class, request.action(), "action");
        return batches.run(actor, action, request.deviceIds(), request.args() == null ? Map.of() : request.args(),
                http.getRemoteAddr());
    }

    /** A bulk action with the live state of each device's command. */
    @GetMapping("/bulk/{id}")
    Batches.Batch batch(Actor actor, @PathVariable long id) {
        return batches.find(actor, id);
    }

    /** One remote action as the action log shows it. */
    record ActionView(String id, String type, Map<String, String> args, long deviceId, @Nullable String deviceName,
            @Nullable Long targetDeviceId, @Nullable String targetName, long schoolId, @Nullable String issuedByName,
            Instant issuedAt, String state, @Nullable Boolean ok, @Nullable String message,
            @Nullable Instant finishedAt, @Nullable Long batchId) {
    }

    /** The latest remote actions (commands, wakes) on devices in reach, newest first: who, what, which, when, result. */
    @GetMapping("/actions")
    List<ActionView> actions(Actor actor, @RequestParam @Nullable Long schoolId,
            @RequestParam(defaultValue = "200") int limit) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        java.util.Map<Long, Optional<Device>> known = new java.util.HashMap<>();
        return commands.recentOfSchool(actor.schoolToQuery(schoolId), Math.max(1, Math.min(limit, 500))).stream()
                .map(c -> {
                    Optional<Device> device = known.computeIfAbsent(c.deviceId(), registry::find);
                    Optional<Device> target = c.targetDeviceId() == null ? Optional.empty()
                            : known.computeIfAbsent(c.targetDeviceId(), registry::find);
                    return device.filter(d -> visible.classroom(d.classroomId(), d.schoolId()))
                            .map(d -> new ActionView(c.id(), c.type().name(), c.args(), d.id(), d.name(),
                                    c.targetDeviceId(), target.map(Device::name).orElse(null), d.schoolId(),
                                    c.issuedByName(), c.issuedAt(), c.state().name(), c.ok(), c.message(),
                                    c.finishedAt(), c.batchId()));
                })
                .flatMap(Optional::stream).toList();
    }

    // ---- power plans ----

    @GetMapping("/power-plans")
    List<PowerPlans.Plan> plans(Actor actor, @RequestParam @Nullable Long schoolId) {
        return plans.list(actor, schoolId);
    }

    @PostMapping("/power-plans")
    @ResponseStatus(HttpStatus.CREATED)
    PowerPlans.Plan createPlan(Actor actor, @RequestBody PowerPlans.Request request, HttpServletRequest http) {
        return plans.create(actor, request, http.getRemoteAddr());
    }

    @PutMapping("/power-plans/{id}")
    PowerPlans.Plan updatePlan(Actor actor, @PathVariable long id, @RequestBody PowerPlans.Request request,
            HttpServletRequest http) {
        return plans.update(actor, id, request, http.getRemoteAddr());
    }

    @PostMapping("/power-plans/{id}/disable")
    PowerPlans.Plan disablePlan(Actor actor, @PathVariable long id, HttpServletRequest http) {
        return plans.disable(actor, id, http.getRemoteAddr());
    }

    @GetMapping("/power-plans/{id}/runs")
    List<PowerPlans.Run> planRuns(Actor actor, @PathVariable long id) {
        return plans.runs(actor, id);
    }

    // ---- config profiles ----

    record ProfileRequest(@Nullable Long schoolId, @Nullable String name, ConfigProfiles.@Nullable Settings settings) {
    }

    @GetMapping("/config-profiles")
    List<ConfigProfiles.Profile> profiles(Actor actor) {
        return profiles.list(actor);
    }

    @PostMapping("/config-profiles")
    @ResponseStatus(HttpStatus.CREATED)
    ConfigProfiles.Profile createProfile(Actor actor, @RequestBody ProfileRequest request, HttpServletRequest http) {
        return profiles.create(actor, request.schoolId(), request.name(), request.settings(), http.getRemoteAddr());
    }

    /** A new version of the profile; recorders running it get it at once. */
    @PutMapping("/config-profiles/{id}")
    ConfigProfiles.Profile updateProfile(Actor actor, @PathVariable long id, @RequestBody ProfileRequest request,
            HttpServletRequest http) {
        return profiles.update(actor, id, request.name(), request.settings(), http.getRemoteAddr());
    }

    record AssignRequest(@Nullable String scope, @Nullable Long targetId, @Nullable Long schoolId) {
    }

    @PostMapping("/config-profiles/{id}/assignments")
    @ResponseStatus(HttpStatus.CREATED)
    ConfigProfiles.Assignment assign(Actor actor, @PathVariable long id, @RequestBody AssignRequest request,
            HttpServletRequest http) {
        if (request.scope() == null || request.targetId() == null) {
            throw ApiProblem.invalid("请选择分配范围和对象", "scope and targetId are required");
        }
        ConfigProfiles.Scope scope = parse(ConfigProfiles.Scope.class, request.scope(), "scope");
        return profiles.assign(actor, id, scope, request.targetId(), request.schoolId(), http.getRemoteAddr());
    }

    @GetMapping("/config-assignments")
    List<ConfigProfiles.Assignment> assignments(Actor actor, @RequestParam @Nullable Long schoolId) {
        return profiles.assignments(actor, schoolId);
    }

    @DeleteMapping("/config-assignments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unassign(Actor actor, @PathVariable long id, HttpServletRequest http) {
        profiles.unassign(actor, id, http.getRemoteAddr());
    }

    private List<Alerts.Alert> visibleAlerts(Actor actor, @Nullable Long schoolId, int limit) {
        actor.require(Permission.DEVICE_VIEW);
        Reach.Visible visible = reach.of(actor);
        return alerts.list(actor.schoolToQuery(schoolId), null, true, limit).stream()
                .filter(a -> a.classroomId() == null ? visible.wholeSchool(a.schoolId())
                        : visible.classroom(a.classroomId(), a.schoolId()))
                .toList();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field + " 的值无效：" + value, "Invalid " + field + ": " + value);
        }
    }
}
