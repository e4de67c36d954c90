package org.ketang.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ketang.platform.http.ApiProblem;

class ActorTests {

    final Actor districtAdmin = ActingAs.withRoles(1, "admin", null, BuiltInRole.DISTRICT_ADMIN);
    final Actor schoolAdmin = ActingAs.withRoles(2, "sadmin1", 1L, BuiltInRole.SCHOOL_ADMIN);
    final Actor teacher = ActingAs.withRoles(3, "t1", 1L, BuiltInRole.TEACHER);

    @Test
    void aMissingPermissionIsA403() {
        assertThatCode(() -> schoolAdmin.require(Permission.AUDIT_VIEW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> teacher.require(Permission.AUDIT_VIEW)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.slug()).isEqualTo("forbidden"));
    }

    @Test
    void districtStaffQueryTheSchoolTheyAskForOrAll() {
        assertThat(districtAdmin.schoolToQuery(2L)).isEqualTo(2L);
        assertThat(districtAdmin.schoolToQuery(null)).isNull();
    }

    @Test
    void schoolStaffAlwaysQueryTheirOwnSchool() {
        assertThat(schoolAdmin.schoolToQuery(null)).isEqualTo(1L);
        assertThat(schoolAdmin.schoolToQuery(1L)).isEqualTo(1L);
        assertThatThrownBy(() -> schoolAdmin.schoolToQuery(2L)).isInstanceOf(ApiProblem.class);
        // a teacher reaches classes, not a whole school
        assertThatThrownBy(() -> teacher.schoolToQuery(null)).isInstanceOf(ApiProblem.class);
    }
}
