package org.ketang.platform.contests.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.audit.AuditTrail;
import org.ketang.platform.contests.internal.Contest;
import org.ketang.platform.contests.internal.Contest.RoundState;
import org.ketang.platform.contests.internal.Contests;
import org.ketang.platform.contests.internal.Entries;
import org.ketang.platform.contests.internal.Results;
import org.ketang.platform.contests.internal.Standings;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
import org.ketang.platform.identity.UserAccounts;
import org.ketang.platform.organization.Directory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
 * The organiser's side of contests (CONTEST_MANAGE over the district, or over the organising school): contests,
 * judges per subject, assignment, progress, results, awards, publication and promotion. A contest of another
 * organiser is 404.
 */
@RestController
@RequestMapping("/api/v1/contests")
@Tag(name = "contests", description = "优课评选 / lesson contests")
class ContestsController {

    private final Contests contests;
    private final Entries entries;
    private final Results results;
    private final UserAccounts accounts;
    private final Directory directory;
    private final AuditTrail audit;

    ContestsController(Contests contests, Entries entries, Results results, UserAccounts accounts, Directory directory,
            AuditTrail audit) {
        this.contests = contests;
        this.entries = entries;
        this.results = results;
        this.accounts = accounts;
        this.directory = directory;
        this.audit = audit;
    }

    record ContestRequest(@NotBlank @Size(max = 200) String name, @Nullable @Size(max = 2000) String description,
            @Nullable Long organiserSchoolId, @NotNull Long rubricId, boolean blind,
            @Nullable @Min(1) @Max(10) Integer entriesPerTeacher, @Nullable @Min(1) @Max(15) Integer judgesPerEntry,
            boolean dropExtremes, @NotNull Instant submitOpensAt, @NotNull Instant submitClosesAt,
            Contest.@Nullable Audience showcase, @Nullable List<Long> schoolIds, @Nullable List<Long> subjectIds,
            @Nullable List<String> grades, @NotNull @Size(min = 1, max = 5) List<@NotBlank @Size(max = 100) String> rounds) {

        Contests.Draft draft(@Nullable Long organiser) {
            return new Contests.Draft(name.strip(), description == null ? "" : description, organiser, rubricId, blind,
                    entriesPerTeacher == null ? 1 : entriesPerTeacher, judgesPerEntry == null ? 3 : judgesPerEntry,
                    dropExtremes, submitOpensAt, submitClosesAt,
                    showcase == null ? Contest.Audience.DISTRICT : showcase, schoolIds == null ? List.of() : schoolIds,
                    subjectIds == null ? List.of() : subjectIds, grades == null ? List.of() : grades, rounds);
        }
    }

    @GetMapping
    List<Contest> list(Actor actor) {
        actor.require(Permission.CONTEST_MANAGE);
        return contests.all().stream().filter(c -> c.organisedBy(actor)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Contest create(Actor actor, @Valid @RequestBody ContestRequest request, HttpServletRequest http) {
        actor.require(Permission.CONTEST_MANAGE);
        Long organiser = request.organiserSchoolId();
        if (organiser == null ? !actor.isDistrictWide() : !actor.reachesWholeSchool(organiser)) {
            throw ApiProblem.forbidden();
        }
        check(request);
        long id = contests.create(request.draft(organiser), actor.userId());
        Contest contest = contests.find(id).orElseThrow();
        audit(actor, "contest.create", contest, http);
        return contest;
    }

    @GetMapping("/{id}")
    Contest get(Actor actor, @PathVariable long id) {
        return organised(actor, id);
    }

    @PutMapping("/{id}")
    Contest update(Actor actor, @PathVariable long id, @Valid @RequestBody ContestRequest request,
            HttpServletRequest http) {
        Contest contest = organised(actor, id);
        check(request);
        contests.update(contest, request.draft(contest.organiserSchoolId()));
        audit(actor, "contest.update", contest, http);
        return contests.find(id).orElseThrow();
    }

    private static void check(ContestRequest request) {
        if (!request.submitClosesAt().isAfter(request.submitOpensAt())) {
            throw ApiProblem.invalid("提交截止时间应晚于开始时间", "The submission window must close after it opens");
        }
    }

    // ------------------------------------------------------------------ judges

    record JudgesRequest(@NotNull Long subjectId, @NotNull @Size(max = 100) List<@NotBlank String> usernames) {
    }

    record JudgeView(long subjectId, String subjectName, long userId, String username, String displayName,
            @Nullable Long schoolId) {
    }

    /** Replaces the judges of one subject of a round (by username). */
    @PutMapping("/rounds/{roundId}/judges")
    List<JudgeView> setJudges(Actor actor, @PathVariable long roundId, @Valid @RequestBody JudgesRequest request,
            HttpServletRequest http) {
        Contest contest = organisedRound(actor, roundId);
        directory.subject(request.subjectId()).orElseThrow(() -> ApiProblem.invalid("学科不存在", "No such subject"));
        List<Contests.Judge> judges = new ArrayList<>();
        for (String username : request.usernames().stream().map(String::strip).distinct().toList()) {
            UserAccounts.Account account = accounts.findByUsername(username).filter(UserAccounts.Account::enabled)
                    .orElseThrow(() -> ApiProblem.invalid("找不到用户 " + username, "No user " + username));
            judges.add(new Contests.Judge(roundId, request.subjectId(), account.id(), account.schoolId(),
                    account.displayName()));
        }
        contests.setJudges(roundId, request.subjectId(), judges);
        audit(actor, "contest.judges", contest, http);
        return judges(actor, roundId);
    }

    @GetMapping("/rounds/{roundId}/judges")
    List<JudgeView> judges(Actor actor, @PathVariable long roundId) {
        organisedRound(actor, roundId);
        return contests.judges(roundId).stream().map(j -> new JudgeView(j.subjectId(), subjectName(j.subjectId()),
                j.userId(), accounts.find(j.userId()).map(UserAccounts.Account::username).orElse(""), j.displayName(),
                j.schoolId())).toList();
    }

    // ------------------------------------------------------------------ entries and assignment

    record AssignmentView(long id, long judgeUserId, String judgeName, Instant assignedAt, @Nullable Instant scoredAt,
            @Nullable Instant submittedAt, @Nullable BigDecimal total) {
    }

    record EntryView(long id, String code, long submissionId, long lessonId, String title, String teacherName,
            String schoolName, long schoolId, long subjectId, String subjectName, @Nullable String gradeName,
            Standings.@Nullable Award award, boolean awardByHand, boolean promoted, List<AssignmentView> assignments,
            List<SubmissionsController.AttachmentView> attachments) {
    }

    EntryView view(Entries.Entry e, Map<Long, String> judgeNames) {
        Entries.Submission s = e.submission();
        return new EntryView(e.id(), e.code(), s.id(), s.lessonId(), s.title(), s.teacherName(), s.schoolName(),
                s.schoolId(), s.subjectId(), s.subjectName(), s.gradeName(), e.award(), e.awardByHand(), e.promoted(),
                e.assignments().stream().map(a -> new AssignmentView(a.id(), a.judgeUserId(),
                        judgeNames.getOrDefault(a.judgeUserId(), "#" + a.judgeUserId()), a.assignedAt(), a.scoredAt(),
                        a.submittedAt(), a.total())).toList(),
                s.attachments().stream().map(a -> SubmissionsController.AttachmentView.of(a, false)).toList());
    }

    private Map<Long, String> judgeNames(long roundId) {
        Map<Long, String> names = new LinkedHashMap<>();
        contests.judges(roundId).forEach(j -> names.put(j.userId(), j.displayName()));
        return names;
    }

    @GetMapping("/rounds/{roundId}/entries")
    List<EntryView> entries(Actor actor, @PathVariable long roundId) {
        organisedRound(actor, roundId);
        Map<Long, String> names = judgeNames(roundId);
        return entries.entries(roundId).stream().map(e -> view(e, names)).toList();
    }

    record AutoAssigned(List<String> shortOfJudges) {
    }

    /** Assigns judges automatically (least busy first, never of the entry's school). */
    @PostMapping("/rounds/{roundId}/assign")
    AutoAssigned assignAutomatically(Actor actor, @PathVariable long roundId, HttpServletRequest http) {
        Contest contest = organisedRound(actor, roundId);
        List<String> missing = entries.assignAutomatically(contest, contest.round(roundId));
        audit(actor, "contest.assign", contest, http);
        return new AutoAssigned(missing);
    }

    /** Assigns one judge to an entry by hand; 409 conflict-of-interest for a judge of the entry's school. */
    @PutMapping("/entries/{entryId}/judges/{userId}")
    AssignmentView assign(Actor actor, @PathVariable long entryId, @PathVariable long userId) {
        Entries.Entry entry = entries.entry(entryId).orElseThrow(() -> ApiProblem.notFound("作品", "Entry"));
        Contest contest = organisedRound(actor, entry.roundId());
        Entries.Assignment a = entries.assign(contest, entry, userId);
        return new AssignmentView(a.id(), a.judgeUserId(), judgeNames(entry.roundId()).getOrDefault(userId, ""),
                a.assignedAt(), a.scoredAt(), a.submittedAt(), a.total());
    }

    record ReassignRequest(@NotNull Long judgeUserId) {
    }

    /** Moves an assignment that was not handed in to another judge. */
    @PostMapping("/assignments/{id}/reassign")
    AssignmentView reassign(Actor actor, @PathVariable long id, @Valid @RequestBody ReassignRequest request,
            HttpServletRequest http) {
        Entries.Assignment assignment = entries.assignment(id).orElseThrow(() -> ApiProblem.notFound("评审任务", "Assignment"));
        Entries.Entry entry = entries.entry(assignment.entryId()).orElseThrow();
        Contest contest = organisedRound(actor, entry.roundId());
        Entries.Assignment a = entries.reassign(contest, assignment, request.judgeUserId());
        audit(actor, "contest.reassign", contest, http);
        return new AssignmentView(a.id(), a.judgeUserId(),
                judgeNames(entry.roundId()).getOrDefault(a.judgeUserId(), ""), a.assignedAt(), a.scoredAt(),
                a.submittedAt(), a.total());
    }

    @DeleteMapping("/assignments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unassign(Actor actor, @PathVariable long id) {
        Entries.Assignment assignment = entries.assignment(id).orElseThrow(() -> ApiProblem.notFound("评审任务", "Assignment"));
        Contest contest = organisedRound(actor, entries.entry(assignment.entryId()).orElseThrow().roundId());
        entries.unassign(contest, assignment);
    }

    /** Starts judging a round: judges may score from now on. */
    @PostMapping("/rounds/{roundId}/start")
    Contest start(Actor actor, @PathVariable long roundId, HttpServletRequest http) {
        Contest contest = organisedRound(actor, roundId);
        contests.advance(contest.round(roundId), RoundState.JUDGING);
        audit(actor, "contest.start-judging", contest, http);
        return contests.find(contest.id()).orElseThrow();
    }

    record JudgeProgress(long userId, String displayName, @Nullable Long schoolId, int assigned, int scored,
            int handedIn) {
    }

    /** Each judge's progress in the round: assigned, scored (saved), handed in. */
    @GetMapping("/rounds/{roundId}/progress")
    List<JudgeProgress> progress(Actor actor, @PathVariable long roundId) {
        organisedRound(actor, roundId);
        Map<Long, int[]> counts = new LinkedHashMap<>();
        Map<Long, Contests.Judge> judges = new LinkedHashMap<>();
        contests.judges(roundId).forEach(j -> {
            judges.putIfAbsent(j.userId(), j);
            counts.putIfAbsent(j.userId(), new int[3]);
        });
        for (Entries.Entry e : entries.entries(roundId)) {
            for (Entries.Assignment a : e.assignments()) {
                int[] c = counts.computeIfAbsent(a.judgeUserId(), k -> new int[3]);
                c[0]++;
                c[1] += a.scoredAt() != null ? 1 : 0;
                c[2] += a.submittedAt() != null ? 1 : 0;
            }
        }
        return counts.entrySet().stream().map(c -> {
            Contests.Judge j = judges.get(c.getKey());
            return new JudgeProgress(c.getKey(), j == null ? "#" + c.getKey() : j.displayName(),
                    j == null ? null : j.schoolId(), c.getValue()[0], c.getValue()[1], c.getValue()[2]);
        }).toList();
    }

    // ------------------------------------------------------------------ results

    record ResultLine(int rank, @Nullable BigDecimal average, int scorecards, EntryView entry) {
    }

    record SubjectResults(long subjectId, String subjectName, List<ResultLine> lines) {
    }

    @GetMapping("/rounds/{roundId}/results")
    List<SubjectResults> results(Actor actor, @PathVariable long roundId) {
        Contest contest = organisedRound(actor, roundId);
        Map<Long, String> names = judgeNames(roundId);
        return results.standings(contest, contest.round(roundId)).entrySet().stream()
                .map(s -> new SubjectResults(s.getKey(), subjectName(s.getKey()), s.getValue().stream()
                        .map(l -> new ResultLine(l.place().rank(), l.place().average(), l.place().scorecards(),
                                view(l.entry(), names))).toList()))
                .toList();
    }

    record RuleRequest(@Min(0) @Max(100) int first, @Min(0) @Max(100) int second, @Min(0) @Max(100) int third) {
    }

    /** Awards by rule: the top first% 一等奖, the next second% 二等奖, the next third% 三等奖 per subject. */
    @PostMapping("/rounds/{roundId}/awards")
    List<SubjectResults> awardByRule(Actor actor, @PathVariable long roundId, @Valid @RequestBody RuleRequest rule,
            HttpServletRequest http) {
        Contest contest = organisedRound(actor, roundId);
        if (rule.first() + rule.second() + rule.third() > 100) {
            throw ApiProblem.invalid("获奖比例之和不能超过 100%", "The award percentages add up to more than 100%");
        }
        results.awardByRule(contest, contest.round(roundId), rule.first(), rule.second(), rule.third());
        audit(actor, "contest.award-rule", contest, http);
        return results(actor, roundId);
    }

    record AwardRequest(Standings.@Nullable Award award) {
    }

    @PutMapping("/entries/{entryId}/award")
    EntryView award(Actor actor, @PathVariable long entryId, @RequestBody AwardRequest request,
            HttpServletRequest http) {
        Entries.Entry entry = entries.entry(entryId).orElseThrow(() -> ApiProblem.notFound("作品", "Entry"));
        Contest contest = organisedRound(actor, entry.roundId());
        results.award(contest, entry, request.award());
        audit(actor, "contest.award", contest, http);
        return view(entries.entry(entryId).orElseThrow(), judgeNames(entry.roundId()));
    }

    @PostMapping("/rounds/{roundId}/publish")
    Contest publish(Actor actor, @PathVariable long roundId, HttpServletRequest http) {
        Contest contest = organisedRound(actor, roundId);
        results.publish(contest, contest.round(roundId));
        audit(actor, "contest.publish", contest, http);
        return contests.find(contest.id()).orElseThrow();
    }

    record PromoteRequest(Standings.@Nullable Award atLeast) {
    }

    record Promoted(int promoted) {
    }

    /** Promotes the round's winners (awarded atLeast or better, 一等奖 by default) to the next round. */
    @PostMapping("/rounds/{roundId}/promote")
    Promoted promote(Actor actor, @PathVariable long roundId, @RequestBody PromoteRequest request,
            HttpServletRequest http) {
        Contest contest = organisedRound(actor, roundId);
        int promoted = entries.promote(contest, contest.round(roundId),
                request.atLeast() == null ? Standings.Award.FIRST : request.atLeast());
        audit(actor, "contest.promote", contest, http);
        return new Promoted(promoted);
    }

    // ------------------------------------------------------------------ helpers

    private Contest organised(Actor actor, long id) {
        actor.require(Permission.CONTEST_MANAGE);
        return contests.find(id).filter(c -> c.organisedBy(actor))
                .orElseThrow(() -> ApiProblem.notFound("评选活动", "Contest"));
    }

    private Contest organisedRound(Actor actor, long roundId) {
        actor.require(Permission.CONTEST_MANAGE);
        return contests.ofRound(roundId).filter(c -> c.organisedBy(actor))
                .orElseThrow(() -> ApiProblem.notFound("评选轮次", "Round"));
    }

    private String subjectName(long subjectId) {
        return directory.subject(subjectId).map(Directory.Named::name).orElse("#" + subjectId);
    }

    private void audit(Actor actor, String action, Contest contest, HttpServletRequest http) {
        audit.record(new AuditTrail.Entry(actor.userId(), actor.username(), action, contest.name(), null,
                AuditTrail.Outcome.SUCCESS, contest.organiserSchoolId(), http.getRemoteAddr()));
    }
}
