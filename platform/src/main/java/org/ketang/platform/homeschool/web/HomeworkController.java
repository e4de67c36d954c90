package org.ketang.platform.homeschool.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.homeschool.internal.Homework;
import org.ketang.platform.identity.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Homework (作业): assign, hand in, review, and the class overview. */
@RestController
@RequestMapping("/api/v1/homeschool")
class HomeworkController {

    private final Homework homework;

    HomeworkController(Homework homework) {
        this.homework = homework;
    }

    record NewHomework(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String body,
            @Nullable @Size(max = 100) String subject, @NotEmpty List<Long> classIds, @NotNull Instant dueAt,
            @Nullable List<String> attachments) {
    }

    record NewSubmission(long studentId, @Nullable @Size(max = 4000) String body, @Nullable List<String> attachments) {
    }

    record Review(@NotNull Homework.Review action, @Nullable @Size(max = 20) String grade,
            @Nullable @Size(max = 1000) String comment) {
    }

    record Created(long id) {
    }

    @PostMapping("/homework")
    @ResponseStatus(HttpStatus.CREATED)
    Created assign(Actor actor, @Valid @RequestBody NewHomework request) {
        return new Created(homework.assign(actor, new Homework.NewHomework(request.title(), request.body(),
                request.subject(), request.classIds(), request.dueAt(),
                request.attachments() == null ? List.of() : request.attachments())));
    }

    /** A class's homework with counts ({@code classId}, its teachers) or a child's ({@code studentId}, the family). */
    @GetMapping("/homework")
    Object list(Actor actor, @RequestParam(required = false) @Nullable Long classId,
            @RequestParam(required = false) @Nullable Long studentId) {
        if (classId != null) {
            return homework.ofClass(actor, classId);
        }
        if (studentId != null) {
            return homework.ofChild(actor, studentId);
        }
        throw org.ketang.platform.http.ApiProblem.invalid("请指定班级或学生", "Give classId or studentId");
    }

    @GetMapping("/homework/{id}")
    Homework.Assignment one(Actor actor, @PathVariable long id) {
        return homework.one(actor, id);
    }

    @GetMapping("/homework/{id}/overview")
    Homework.Overview overview(Actor actor, @PathVariable long id, @RequestParam long classId) {
        return homework.overview(actor, id, classId);
    }

    @PostMapping("/homework/{id}/submissions")
    @ResponseStatus(HttpStatus.CREATED)
    Homework.Submission submit(Actor actor, @PathVariable long id, @Valid @RequestBody NewSubmission request) {
        return homework.submit(actor, id, request.studentId(), request.body() == null ? "" : request.body(),
                request.attachments() == null ? List.of() : request.attachments());
    }

    /** The child's submission of a homework (the family). */
    @GetMapping("/homework/{id}/submissions")
    Homework.Submission submissionOf(Actor actor, @PathVariable long id, @RequestParam long studentId) {
        return homework.submissionOf(actor, id, studentId);
    }

    @GetMapping("/submissions/{id}")
    Homework.Submission submission(Actor actor, @PathVariable long id) {
        return homework.submission(actor, id);
    }

    @PostMapping("/submissions/{id}/review")
    Homework.Submission review(Actor actor, @PathVariable long id, @Valid @RequestBody Review request) {
        return homework.review(actor, id, request.action(), request.grade(), request.comment());
    }
}
