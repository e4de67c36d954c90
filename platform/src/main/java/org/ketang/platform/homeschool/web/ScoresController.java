package org.ketang.platform.homeschool.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.homeschool.internal.Scores;
import org.ketang.platform.identity.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Scores (成绩): exams, the grid, CSV/.xlsx import, publishing, statistics (teachers) and reports (families). */
@RestController
@RequestMapping("/api/v1/homeschool")
class ScoresController {

    private final Scores scores;

    ScoresController(Scores scores) {
        this.scores = scores;
    }

    record NewExam(@NotBlank @Size(max = 100) String name, @NotNull LocalDate examDate, @NotEmpty List<Long> classIds,
            @NotEmpty @Size(max = 20) List<@Valid Subject> subjects, @Nullable Set<String> parentStatistics) {
    }

    record Subject(@NotBlank @Size(max = 50) String subject, @NotNull java.math.BigDecimal fullMark) {
    }

    record Entries(@NotNull List<Scores.@NotNull Entry> entries) {
    }

    record Created(long id) {
    }

    record Saved(int saved) {
    }

    @PostMapping("/exams")
    @ResponseStatus(HttpStatus.CREATED)
    Created create(Actor actor, @Valid @RequestBody NewExam request) {
        return new Created(scores.create(actor, new Scores.NewExam(request.name(), request.examDate(), request.classIds(),
                request.subjects().stream().map(s -> new Scores.SubjectMark(s.subject(), s.fullMark())).toList(),
                request.parentStatistics())));
    }

    /** A class's exams ({@code classId}, its teachers) or a child's published exams ({@code studentId}, the family). */
    @GetMapping("/exams")
    Object list(Actor actor, @RequestParam(required = false) @Nullable Long classId,
            @RequestParam(required = false) @Nullable Long studentId) {
        if (classId != null) {
            return scores.ofClass(actor, classId);
        }
        if (studentId != null) {
            return scores.ofChild(actor, studentId);
        }
        throw org.ketang.platform.http.ApiProblem.invalid("请指定班级或学生", "Give classId or studentId");
    }

    @GetMapping("/exams/{id}/scores")
    Scores.Grid grid(Actor actor, @PathVariable long id, @RequestParam long classId) {
        return scores.grid(actor, id, classId);
    }

    @PutMapping("/exams/{id}/scores")
    Saved save(Actor actor, @PathVariable long id, @RequestParam long classId, @Valid @RequestBody Entries request) {
        return new Saved(scores.save(actor, id, classId, request.entries()));
    }

    @PostMapping("/exams/{id}/import")
    Saved importFile(Actor actor, @PathVariable long id, @RequestParam long classId, @RequestPart MultipartFile file)
            throws IOException {
        return new Saved(scores.importFile(actor, id, classId, file.getBytes(), file.getOriginalFilename()));
    }

    @PostMapping("/exams/{id}/publish")
    Scores.Exam publish(Actor actor, @PathVariable long id) {
        return scores.publish(actor, id);
    }

    @GetMapping("/exams/{id}/statistics")
    Scores.ClassStatistics statistics(Actor actor, @PathVariable long id, @RequestParam long classId) {
        return scores.statistics(actor, id, classId);
    }

    @GetMapping("/exams/{id}/report")
    Scores.Report report(Actor actor, @PathVariable long id, @RequestParam long studentId) {
        return scores.report(actor, id, studentId);
    }
}
