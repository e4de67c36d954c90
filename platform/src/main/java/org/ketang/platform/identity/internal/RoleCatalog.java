package org.ketang.platform.identity.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.ketang.platform.identity.BuiltInRole;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.identity.ScopeLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Every role there is: the built-in ones from code and the custom ones admins defined. */
@Component
@Transactional
class RoleCatalog {

    private final JdbcClient jdbc;

    RoleCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Optional<Role> find(String code) {
        return builtIn(code).map(Role::of).or(() -> findCustom(code));
    }

    @Transactional(readOnly = true)
    List<Role> all() {
        List<Role> all = new ArrayList<>(Arrays.stream(BuiltInRole.values()).map(Role::of).toList());
        jdbc.sql("select code from custom_role order by code").query(String.class).list()
                .forEach(code -> findCustom(code).ifPresent(all::add));
        return all;
    }

    void saveCustom(Role role) {
        boolean exists = findCustom(role.code()).isPresent();
        if (exists) {
            jdbc.sql("update custom_role set name_zh = :zh, name_en = :en, scope_level = :scope where code = :code")
                    .param("zh", role.nameZh()).param("en", role.nameEn()).param("scope", role.scope().name())
                    .param("code", role.code()).update();
            jdbc.sql("delete from custom_role_permission where role_code = :code").param("code", role.code()).update();
        } else {
            jdbc.sql("""
                    insert into custom_role (code, name_zh, name_en, scope_level, created_at)
                    values (:code, :zh, :en, :scope, :now)""")
                    .param("code", role.code()).param("zh", role.nameZh()).param("en", role.nameEn())
                    .param("scope", role.scope().name()).param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        }
        for (Permission p : role.permissions()) {
            jdbc.sql("insert into custom_role_permission (role_code, permission) values (:code, :p)")
                    .param("code", role.code()).param("p", p.name()).update();
        }
    }

    void deleteCustom(String code) {
        jdbc.sql("delete from custom_role where code = :code").param("code", code).update();
    }

    static Optional<BuiltInRole> builtIn(String code) {
        return Arrays.stream(BuiltInRole.values()).filter(r -> r.code().equals(code)).findFirst();
    }

    private Optional<Role> findCustom(String code) {
        return jdbc.sql("select * from custom_role where code = :code").param("code", code)
                .query((rs, n) -> new Role(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                        ScopeLevel.valueOf(rs.getString("scope_level")), permissionsOf(code), false))
                .optional();
    }

    private Set<Permission> permissionsOf(String code) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        jdbc.sql("select permission from custom_role_permission where role_code = :code").param("code", code)
                .query(String.class).list().forEach(name -> {
                    // A permission removed from the code base simply stops counting.
                    Arrays.stream(Permission.values()).filter(p -> p.name().equals(name)).forEach(permissions::add);
                });
        return permissions;
    }

    /** A role as the catalog knows it. */
    record Role(String code, String nameZh, String nameEn, ScopeLevel scope, Set<Permission> permissions,
            boolean builtIn) {

        static Role of(BuiltInRole role) {
            return new Role(role.code(), role.nameZh(), role.nameEn(), role.scope(), role.permissions(), true);
        }
    }
}
