/**
 * The demo district, seeded on the first start with the profile {@code demo} ({@code --demo}): two schools
 * with grades, classes, rooms, staff, students, parents, a term around today, bell schedules and full
 * timetables, and the demo accounts of the README (password {@code ketang2026}).
 */
@NullMarked
package org.ketang.platform.demo;

import org.jspecify.annotations.NullMarked;
