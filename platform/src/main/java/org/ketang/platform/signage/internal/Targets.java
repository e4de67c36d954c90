package org.ketang.platform.signage.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which screens a schedule or push reaches: any of whole schools, grades, classes, single displays or tags (a
 * display group is a tag). Empty means every screen of the owner's school ({@code ownerSchool}), or of the district
 * when the owner is district staff. Written as text like {@code school:1,grade:3,class:7,display:12,tag:三楼}.
 */
public record Targets(Set<Long> schools, Set<Long> grades, Set<Long> classes, Set<Long> displays, Set<String> tags) {

    public Targets {
        schools = Set.copyOf(schools);
        grades = Set.copyOf(grades);
        classes = Set.copyOf(classes);
        displays = Set.copyOf(displays);
        tags = Set.copyOf(tags);
    }

    public static Targets none() {
        return new Targets(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public boolean isEmpty() {
        return schools.isEmpty() && grades.isEmpty() && classes.isEmpty() && displays.isEmpty() && tags.isEmpty();
    }

    /** Whether {@code screen} is reached, for content owned by {@code ownerSchool} (null = the district). */
    public boolean reach(Screen screen, @Nullable Long ownerSchool) {
        if (ownerSchool != null && ownerSchool != screen.schoolId()) {
            return false;
        }
        if (isEmpty()) {
            return true;
        }
        return schools.contains(screen.schoolId()) || displays.contains(screen.deviceId())
                || (screen.gradeId() != null && grades.contains(screen.gradeId()))
                || (screen.classId() != null && classes.contains(screen.classId()))
                || screen.tags().stream().anyMatch(tags::contains);
    }

    public static Targets parse(@Nullable String text) {
        Set<Long> schools = new LinkedHashSet<>();
        Set<Long> grades = new LinkedHashSet<>();
        Set<Long> classes = new LinkedHashSet<>();
        Set<Long> displays = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        if (text != null) {
            for (String part : text.split(",")) {
                int colon = part.indexOf(':');
                if (colon < 1) {
                    continue;
                }
                String kind = part.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = part.substring(colon + 1).trim();
                if (value.isEmpty()) {
                    continue;
                }
                switch (kind) {
                    case "school" -> schools.add(Long.parseLong(value));
                    case "grade" -> grades.add(Long.parseLong(value));
                    case "class" -> classes.add(Long.parseLong(value));
                    case "display" -> displays.add(Long.parseLong(value));
                    case "tag", "group" -> tags.add(value);
                    default -> throw new IllegalArgumentException("unknown target kind " + kind);
                }
            }
        }
        return new Targets(schools, grades, classes, displays, tags);
    }

    public String format() {
        List<String> parts = new ArrayList<>();
        schools.stream().sorted().forEach(id -> parts.add("school:" + id));
        grades.stream().sorted().forEach(id -> parts.add("grade:" + id));
        classes.stream().sorted().forEach(id -> parts.add("class:" + id));
        displays.stream().sorted().forEach(id -> parts.add("display:" + id));
        tags.stream().sorted().forEach(tag -> parts.add("tag:" + tag));
        return String.join(",", parts);
    }
}
