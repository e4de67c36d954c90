package org.ketang.platform.identity.internal;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.identity.RoleDefined;
import org.ketang.platform.identity.RoleDeleted;
import org.ketang.platform.identity.RolesAssigned;
import org.ketang.platform.identity.ScopeLevel;
import org.ketang.platform.identity.UserAccounts.Account;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custom roles and role assignment, with the rules that keep them safe: nobody grants a permission they do
 * not hold themself, built-in roles are fixed, the device role is never given to people, and an admin only
 * touches accounts within their reach.
 */
@Service
@Transactional
public class RoleAdministration {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

    private final RoleCatalog catalog;
    private final JdbcUserAccounts accounts;
    private final ApplicationEventPublisher events;

    RoleAdministration(RoleCatalog catalog, JdbcUserAccounts accounts, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<RoleView> roles(Actor actor) {
        actor.require(Permission.ROLES_MANAGE);
        return catalog.all().stream().map(RoleView::of).toList();
    }

    public RoleView define(Actor actor, String code, String nameZh, String nameEn, ScopeLevel scope,
            Set<Permission> permissions, boolean creating) {
        actor.require(Permission.ROLES_MANAGE);
        if (!CODE.matcher(code).matches()) {
            throw ApiProblem.invalid("角色代码只能包含大写字母、数字和下划线，且以字母开头",
                    "A role code has capital letters, digits and underscores, starting with a letter");
        }
        if (RoleCatalog.builtIn(code).isPresent()) {
            throw ApiProblem.conflict("内置角色不能修改", "Built-in roles cannot be changed");
        }
        boolean exists = catalog.find(code).isPresent();
        if (creating && exists) {
            throw ApiProblem.conflict("角色代码已存在：" + code, "A role with code " + code + " already exists");
        }
        if (!creating && !exists) {
            throw ApiProblem.notFound("角色 " + code, "Role " + code);
        }
        if (scope == ScopeLevel.DEVICE || permissions.contains(Permission.DEVICE_AGENT)) {
            throw ApiProblem.invalid("设备角色不能分配给人员", "The device role is not for people");
        }
        requireHeld(actor, permissions);
        Set<Permission> set = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
        var role = new RoleCatalog.Role(code, nameZh.trim(), nameEn.trim(), scope, set, false);
        catalog.saveCustom(role);
        events.publishEvent(new RoleDefined(actor.userId(), actor.username(), code, scope, set, creating));
        return RoleView.of(role);
    }

    public void delete(Actor actor, String code) {
        actor.require(Permission.ROLES_MANAGE);
        if (RoleCatalog.builtIn(code).isPresent()) {
            throw ApiProblem.conflict("内置角色不能删除", "Built-in roles cannot be deleted");
        }
        if (catalog.find(code).isEmpty()) {
            throw ApiProblem.notFound("角色 " + code, "Role " + code);
        }
        long holders = accounts.countWithRole(code);
        if (holders > 0) {
            throw ApiProblem.conflict("仍有 " + holders + " 个账号使用该角色，请先移除",
                    holders + " accounts still have this role; remove it from them first");
        }
        catalog.deleteCustom(code);
        events.publishEvent(new RoleDeleted(actor.userId(), actor.username(), code));
    }

    @Transactional(readOnly = true)
    public List<Account> accounts(Actor actor, @Nullable Long schoolId, @Nullable String query) {
        actor.require(Permission.PEOPLE_VIEW);
        return accounts.search(actor.schoolToQuery(schoolId), query, 500);
    }

    public Account assign(Actor actor, long userId, Set<String> roleCodes) {
        actor.require(Permission.ROLES_MANAGE);
        Account target = accounts.find(userId).filter(a -> within(actor, a))
                .orElseThrow(() -> ApiProblem.notFound("账号", "Account"));
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String code : roleCodes) {
            var role = catalog.find(code).orElseThrow(() -> ApiProblem.invalid("未知角色：" + code, "Unknown role: " + code));
            if (role.scope() == ScopeLevel.DEVICE) {
                throw ApiProblem.invalid("设备角色不能分配给人员", "The device role is not for people");
            }
            granted.addAll(role.permissions());
        }
        requireHeld(actor, granted);
        Set<String> before = new LinkedHashSet<>(target.roles());
        accounts.assignRoles(userId, roleCodes, target.schoolId());
        events.publishEvent(new RolesAssigned(actor.userId(), actor.username(), userId, target.username(),
                target.schoolId(), before, new LinkedHashSet<>(roleCodes)));
        return accounts.find(userId).orElseThrow();
    }

    private static boolean within(Actor actor, Account account) {
        Long school = account.schoolId();
        return actor.isDistrictWide() || (school != null && actor.reachesWholeSchool(school));
    }

    private static void requireHeld(Actor actor, Set<Permission> permissions) {
        if (!actor.permissions().containsAll(permissions)) {
            throw new ApiProblem(org.springframework.http.HttpStatus.FORBIDDEN, "forbidden",
                    "不能授予自己没有的权限", "You cannot grant permissions you do not hold yourself");
        }
    }

    /** A role as the API shows it. */
    public record RoleView(String code, String nameZh, String nameEn, ScopeLevel scope, List<String> permissions,
            boolean builtIn) {

        static RoleView of(RoleCatalog.Role role) {
            return new RoleView(role.code(), role.nameZh(), role.nameEn(), role.scope(),
                    role.permissions().stream().map(Enum::name).sorted().toList(), role.builtIn());
        }
    }
}
