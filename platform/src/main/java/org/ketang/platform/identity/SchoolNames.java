package org.ketang.platform.identity;

import java.util.Optional;

/**
 * Names of schools, for showing a user's school. Implemented by the module that owns schools, so that
 * identity does not depend on it.
 */
public interface SchoolNames {

    Optional<String> nameOf(long schoolId);
}
