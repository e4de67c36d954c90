package org.ketang.platform.homeschool.web;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.homeschool.internal.Learning;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.library.LessonRecommendations;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/** Learning (推荐学习): library lessons recommended to a class, and who watched them. */
@RestController
@RequestMapping("/api/v1/homeschool/recommendations")
class LearningController {

    private final Learning learning;

    LearningController(Learning learning) {
        this.learning = learning;
    }

    record Recommend(long lessonId, long classId, @Nullable @Size(max = 500) String note) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    LessonRecommendations.Recommended recommend(Actor actor, @Valid @RequestBody Recommend request) {
        return learning.recommend(actor, request.lessonId(), request.classId(), request.note());
    }

    /** A class's recommendations with watchers ({@code classId}, teachers) or a child's ({@code studentId}, family). */
    @GetMapping
    Object list(Actor actor, @RequestParam(required = false) @Nullable Long classId,
            @RequestParam(required = false) @Nullable Long studentId) {
        if (classId != null) {
            return learning.ofClass(actor, classId);
        }
        if (studentId != null) {
            return learning.ofChild(actor, studentId);
        }
        throw org.ketang.platform.http.ApiProblem.invalid("请指定班级或学生", "Give classId or studentId");
    }
}
