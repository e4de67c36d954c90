package org.ketang.platform.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;

/**
 * The signed-in user (or device) making a request. Controllers take it as a method parameter.
 * Permission checks use {@link #can}; <em>where</em> the actor may act is asked of the module that
 * owns the data (the organization module's {@code Reach} for schools, classes and students).
 *
 * @param userId     the account id
 * @param username   login name
 * @param displayName name shown in the UI
 * @param schoolId   the user's school, or {@code null} for district staff
 * @param roles      role codes (built-in {@link BuiltInRole} names and custom role codes)
 * @param permissions union of the roles' permissions
 * @param scopes     union of the roles' scope levels
 */
public record Actor(long userId, String username, String displayName, @Nullable Long schoolId, Set<String> roles,
        Set<Permission> permissions, Set<ScopeLevel> scopes) {

    public Actor {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        scopes = Set.copyOf(scopes);
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** Goes on only when the actor holds {@code permission}; otherwise the request ends with 403 {@code forbidden}. */
    public void require(Permission permission) {
        if (!can(permission)) {
            throw ApiProblem.forbidden();
        }
    }

    /**
     * The school a query over one school or all of them may cover: district staff get the school they asked for
     * ({@code null} = every school); school staff get their own school, and 403 when they ask for another one or
     * reach no whole school.
     */
    public @Nullable Long schoolToQuery(@Nullable Long requested) {
        if (isDistrictWide()) {
            return requested;
        }
        Long own = schoolId;
        if (own == null || !reachesWholeSchool(own) || (requested != null && !requested.equals(own))) {
            throw ApiProblem.forbidden();
        }
        return own;
    }

    public boolean hasRole(BuiltInRole role) {
        return roles.contains(role.code());
    }

    /** Whether some role reaches every school of the district. */
    public boolean isDistrictWide() {
        return schoolId == null && scopes.stream().anyMatch(ScopeLevel::isInstitutional);
    }

    /** Whether some role reaches all of {@code school} (the district-wide case included). */
    public boolean reachesWholeSchool(long school) {
        return isDistrictWide()
                || (schoolId != null && schoolId == school && scopes.stream().anyMatch(ScopeLevel::isInstitutional));
    }
}
