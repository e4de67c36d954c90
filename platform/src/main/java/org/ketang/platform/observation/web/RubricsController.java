package org.ketang.platform.observation.web;

import java.util.List;

import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.observation.Rubric;
import org.ketang.platform.observation.Rubrics;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Rubrics (评价量表): everyone who observes, judges or organises contests reads them; RUBRIC_MANAGE defines them. A
 * rubric that scored something is revised as a new version.
 */
@RestController
@RequestMapping("/api/v1/rubrics")
@Tag(name = "rubrics", description = "评价量表 / rubrics")
class RubricsController {

    private final Rubrics rubrics;
    private final AuditTrail audit;

    RubricsController(Rubrics rubrics, AuditTrail audit) {
        this.rubrics = rubrics;
        this.audit = audit;
    }

    record CriterionRequest(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
            @NotNull @Min(1) @Max(100) Integer weight, @NotNull @Min(1) @Max(100) Integer maxScore) {
    }

    record RubricRequest(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
            @NotNull @Size(min = 1, max = Rubric.MAX_CRITERIA) List<@Valid CriterionRequest> criteria) {

        List<Rubric.Draft> drafts() {
            return criteria.stream().map(c -> new Rubric.Draft(c.name().strip(),
                    c.description() == null ? "" : c.description().strip(), c.weight(), c.maxScore())).toList();
        }

        String text() {
            return description == null ? "" : description.strip();
        }
    }

    /** The rubrics offered now; {@code all=true} (managers) lists retired versions too. */
    @GetMapping
    List<Rubric> list(Actor actor, @RequestParam(defaultValue = "false") boolean all) {
        requireReader(actor);
        return all && actor.can(Permission.RUBRIC_MANAGE) ? rubrics.all() : rubrics.current();
    }

    @GetMapping("/{id}")
    Rubric one(Actor actor, @PathVariable long id) {
        requireReader(actor);
        return rubrics.find(id).orElseThrow(() -> ApiProblem.notFound("该评价量表", "The rubric"));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Rubric define(Actor actor, @Valid @RequestBody RubricRequest request, HttpServletRequest http) {
        actor.require(Permission.RUBRIC_MANAGE);
        checkShape(request);
        Rubric rubric = rubrics.define(request.name().strip(), request.text(), request.drafts(), actor.userId());
        audit(actor, "rubric.define", rubric, http);
        return rubric;
    }

    /** Changes a rubric: in place while unused, else as a new version (the answer then has a new id). */
    @PutMapping("/{id}")
    Rubric revise(Actor actor, @PathVariable long id, @Valid @RequestBody RubricRequest request,
            HttpServletRequest http) {
        actor.require(Permission.RUBRIC_MANAGE);
        Rubric old = rubrics.find(id).orElseThrow(() -> ApiProblem.notFound("该评价量表", "The rubric"));
        if (old.retired()) {
            throw ApiProblem.conflict("该版本已停用，请修改最新版本", "This version is retired; revise the newest one");
        }
        checkShape(request);
        Rubric rubric = rubrics.revise(id, request.name().strip(), request.text(), request.drafts(), actor.userId());
        audit(actor, "rubric.revise", rubric, http);
        return rubric;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retire(Actor actor, @PathVariable long id, HttpServletRequest http) {
        actor.require(Permission.RUBRIC_MANAGE);
        Rubric rubric = rubrics.find(id).orElseThrow(() -> ApiProblem.notFound("该评价量表", "The rubric"));
        rubrics.retire(id);
        audit(actor, "rubric.retire", rubric, http);
    }

    private static void requireReader(Actor actor) {
        if (!(actor.can(Permission.OBSERVE) || actor.can(Permission.RUBRIC_MANAGE)
                || actor.can(Permission.CONTEST_MANAGE) || actor.can(Permission.CONTEST_JUDGE))) {
            throw ApiProblem.forbidden();
        }
    }

    private static void checkShape(RubricRequest request) {
        String[] problem = Rubric.problemWith(request.drafts());
        if (problem != null) {
            throw ApiProblem.invalid(problem[0], problem[1]);
        }
    }

    private void audit(Actor actor, String action, Rubric rubric, HttpServletRequest http) {
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), action,
                rubric.name() + " v" + rubric.version(), null, AuditTrail.Outcome.SUCCESS, null, http.getRemoteAddr()));
    }
}
