package org.ketang.platform.organization.internal;

import java.util.Optional;

import org.ketang.platform.identity.SchoolNames;
import org.springframework.stereotype.Component;

/** Tells the identity module the name of a user's school (identity must not depend on organization). */
@Component
class SchoolNamesFromSchools implements SchoolNames {

    private final Schools schools;

    SchoolNamesFromSchools(Schools schools) {
        this.schools = schools;
    }

    @Override
    public Optional<String> nameOf(long schoolId) {
        return schools.find(schoolId).map(School::name);
    }
}
