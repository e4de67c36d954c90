package org.ketang.platform.homeschool.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.library.LessonRecommendations;
import org.ketang.platform.library.LessonRecommendations.Recommended;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Directory.StudentInfo;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learning (推荐学习): a teacher recommends library lessons to a class; its students and parents watch them in the
 * library player (the recommendation lets them, through the library's own access check); the teacher sees which
 * students watched (the student or one of their guardians).
 */
@Service
@Transactional
public class Learning {

    public record Watcher(long studentId, String studentName, boolean watched, long seconds) {
    }

    public record ForTeacher(Recommended recommendation, List<Watcher> students) {
    }

    private final LessonRecommendations recommendations;
    private final Directory directory;
    private final NotificationHub hub;
    private final ClassRoles roles;

    Learning(LessonRecommendations recommendations, Directory directory, NotificationHub hub, ClassRoles roles) {
        this.recommendations = recommendations;
        this.directory = directory;
        this.hub = hub;
        this.roles = roles;
    }

    public Recommended recommend(Actor actor, long lessonId, long classId, @Nullable String note) {
        roles.requireTeacherOf(actor, classId);
        Recommended recommended = recommendations.recommend(actor, lessonId, classId, note);
        Set<Long> families = new LinkedHashSet<>();
        directory.guardiansInClasses(List.of(classId)).forEach(g -> families.add(g.userId()));
        directory.studentsOfClasses(List.of(classId)).forEach(s -> {
            if (s.userId() != null) {
                families.add(s.userId());
            }
        });
        Map<String, Object> message = Map.of("type", "lesson-recommended", "lessonId", lessonId, "title",
                recommended.title(), "recommenderName", recommended.recommenderName());
        List<Long> told = List.copyOf(families);
        Notices.afterCommit(() -> hub.send(told, message));
        return recommended;
    }

    /** A class's recommendations with who watched each (teachers). */
    @Transactional(readOnly = true)
    public List<ForTeacher> ofClass(Actor actor, long classId) {
        roles.requireTeacherOf(actor, classId);
        List<StudentInfo> students = directory.studentsOfClasses(List.of(classId));
        Map<Long, List<Long>> usersOf = new java.util.HashMap<>();
        students.forEach(s -> {
            List<Long> users = new ArrayList<>();
            if (s.userId() != null) {
                users.add(s.userId());
            }
            usersOf.put(s.studentId(), users);
        });
        directory.guardiansInClasses(List.of(classId)).forEach(g -> usersOf.get(g.studentId()).add(g.userId()));
        Set<Long> everyone = new LinkedHashSet<>();
        usersOf.values().forEach(everyone::addAll);
        List<ForTeacher> result = new ArrayList<>();
        for (Recommended r : recommendations.ofClass(classId)) {
            Map<Long, Long> watched = recommendations.watchedSeconds(r.lessonId(), everyone);
            result.add(new ForTeacher(r, students.stream().map(s -> {
                long seconds = usersOf.get(s.studentId()).stream().mapToLong(u -> watched.getOrDefault(u, 0L)).sum();
                boolean any = usersOf.get(s.studentId()).stream().anyMatch(watched::containsKey);
                return new Watcher(s.studentId(), s.name(), any, seconds);
            }).toList()));
        }
        return result;
    }

    /** The lessons recommended to a child's class (the family). */
    @Transactional(readOnly = true)
    public List<Recommended> ofChild(Actor actor, long studentId) {
        return recommendations.ofClass(roles.familyClassOf(actor, studentId));
    }
}
