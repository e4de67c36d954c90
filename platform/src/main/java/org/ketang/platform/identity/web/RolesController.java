package org.ketang.platform.identity.web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.identity.ScopeLevel;
import org.ketang.platform.identity.UserAccounts.Account;
import org.ketang.platform.identity.internal.RoleAdministration;
import org.ketang.platform.identity.internal.RoleAdministration.RoleView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Permissions, built-in and custom roles, and the accounts they are given to. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "roles", description = "角色与权限 / roles and permissions")
class RolesController {

    private final RoleAdministration roles;

    RolesController(RoleAdministration roles) {
        this.roles = roles;
    }

    @GetMapping("/permissions")
    List<PermissionView> permissions(Actor actor) {
        actor.require(Permission.ROLES_MANAGE);
        return Arrays.stream(Permission.values()).filter(p -> p != Permission.DEVICE_AGENT)
                .map(p -> new PermissionView(p.name(), p.nameZh(), p.nameEn())).toList();
    }

    @GetMapping("/roles")
    List<RoleView> roles(Actor actor) {
        return roles.roles(actor);
    }

    @PostMapping("/roles")
    ResponseEntity<RoleView> create(Actor actor, @Valid @RequestBody RoleBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(roles.define(actor, body.code(), body.nameZh(),
                body.nameEn(), body.scope(), body.permissions(), true));
    }

    @PutMapping("/roles/{code}")
    RoleView update(Actor actor, @PathVariable String code, @Valid @RequestBody RoleBody body) {
        return roles.define(actor, code, body.nameZh(), body.nameEn(), body.scope(), body.permissions(), false);
    }

    @DeleteMapping("/roles/{code}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String code) {
        roles.delete(actor, code);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/users")
    List<Account> users(Actor actor, @RequestParam @Nullable Long schoolId, @RequestParam @Nullable String q) {
        return roles.accounts(actor, schoolId, q);
    }

    @PutMapping("/users/{id}/roles")
    Account assign(Actor actor, @PathVariable long id, @Valid @RequestBody RoleAssignment body) {
        return roles.assign(actor, id, body.roles());
    }

    record PermissionView(String code, String nameZh, String nameEn) {
    }

    /** A custom role; the {@code code} of the body is ignored on update (the path names the role). */
    record RoleBody(@NotBlank @Size(max = 64) String code, @NotBlank @Size(max = 100) String nameZh,
            @NotBlank @Size(max = 100) String nameEn, @NotNull ScopeLevel scope, @NotNull Set<Permission> permissions) {
    }

    record RoleAssignment(@NotNull Set<@NotBlank String> roles) {
    }
}
