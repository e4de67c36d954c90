/**
 * District structure (schools, grades, classes, students, staff, parents, subjects, buildings, classrooms),
 * terms, bell schedules and timetables. Other modules ask {@link org.ketang.platform.organization.Timetables}
 * what is happening in a classroom and {@link org.ketang.platform.organization.Reach} what an actor may see;
 * {@link org.ketang.platform.organization.Organization} creates the structure (used by the demo seeder).
 */
@NullMarked
package org.ketang.platform.organization;

import org.jspecify.annotations.NullMarked;
