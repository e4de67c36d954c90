package org.ketang.platform.contests.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.contests.internal.Contest;
import org.ketang.platform.contests.internal.Contest.RoundState;
import org.ketang.platform.contests.internal.Contests;
import org.ketang.platform.contests.internal.Judging;
import org.ketang.platform.contests.internal.Results;
import org.ketang.platform.contests.internal.Standings;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The showcase (课例展示): awarded lessons of published rounds, by subject and grade, with the judges' published
 * comments (without the judges' names). A contest's showcase is for everyone signed in (PUBLIC) or for people with
 * LESSON_VIEW (DISTRICT); a school's contest shows to its own school only.
 */
@RestController
@RequestMapping("/api/v1/showcase")
@Tag(name = "contests")
class ShowcaseController {

    private final Contests contests;
    private final Results results;
    private final Judging judging;

    ShowcaseController(Contests contests, Results results, Judging judging) {
        this.contests = contests;
        this.results = results;
        this.judging = judging;
    }

    record Remark(long offsetMs, String body) {
    }

    record Shown(long entryId, long contestId, String contestName, String roundName, @Nullable Instant publishedAt,
            Standings.Award award, int rank, @Nullable BigDecimal average, long lessonId, String title,
            String teacherName, String schoolName, long subjectId, String subjectName, @Nullable String gradeName,
            List<Remark> comments) {
    }

    @GetMapping
    List<Shown> showcase(Actor actor, @RequestParam @Nullable Long subjectId, @RequestParam @Nullable String grade) {
        List<Shown> shown = new ArrayList<>();
        for (Contest c : contests.all()) {
            if (!shows(c, actor)) {
                continue;
            }
            for (Contest.Round round : c.rounds()) {
                if (round.state() != RoundState.PUBLISHED) {
                    continue;
                }
                results.standings(c, round).values().forEach(lines -> lines.forEach(l -> {
                    var e = l.entry();
                    var s = e.submission();
                    if (e.award() == null || (subjectId != null && s.subjectId() != subjectId)
                            || (grade != null && !grade.equals(s.gradeName()))) {
                        return;
                    }
                    shown.add(new Shown(e.id(), c.id(), c.name(), round.name(), round.publishedAt(),
                            Objects.requireNonNull(e.award()), l.place().rank(), l.place().average(), s.lessonId(),
                            s.title(), s.teacherName(), s.schoolName(), s.subjectId(), s.subjectName(), s.gradeName(),
                            judging.publishedComments(e.id()).stream().map(x -> new Remark(x.offsetMs(), x.body()))
                                    .toList()));
                }));
            }
        }
        return shown;
    }

    private static boolean shows(Contest c, Actor actor) {
        Long school = c.organiserSchoolId();
        if (school != null && !school.equals(actor.schoolId()) && !actor.isDistrictWide()) {
            return false;
        }
        return c.showcase() == Contest.Audience.PUBLIC || actor.can(Permission.LESSON_VIEW);
    }
}
