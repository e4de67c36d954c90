package org.ketang.platform.contests.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;

/**
 * A lesson contest (优课评选): who may enter (eligible schools, subjects and grades; empty = all), the submission
 * window of the first round, the rubric its judges score with, its rounds in order, and how results are made.
 *
 * @param organiserSchoolId the organising school, or null for the district
 * @param blind             judges see neither teacher nor school
 * @param entriesPerTeacher how many lessons one teacher may submit
 * @param judgesPerEntry    how many judges automatic assignment gives each entry
 * @param dropExtremes      averages leave out the highest and lowest total (with three or more)
 * @param showcase          who sees the awarded lessons once published: DISTRICT or PUBLIC
 */
public record Contest(long id, String name, String description, @Nullable Long organiserSchoolId, long rubricId,
        boolean blind, int entriesPerTeacher, int judgesPerEntry, boolean dropExtremes, Instant submitOpensAt,
        Instant submitClosesAt, Audience showcase, List<Long> schoolIds, List<Long> subjectIds, List<String> grades,
        List<Round> rounds, Instant createdAt) {

    /** Who sees the showcase. */
    public enum Audience {
        DISTRICT, PUBLIC
    }

    /** Where a round stands: OPEN (entries and judges are set up), JUDGING, PUBLISHED (results out). */
    public enum RoundState {
        OPEN, JUDGING, PUBLISHED
    }

    /** A round (校级 then 区级): the first takes submissions, later ones the winners promoted to them. */
    public record Round(long id, int position, String name, RoundState state, @Nullable Instant publishedAt) {
    }

    public Round round(long roundId) {
        return rounds.stream().filter(r -> r.id() == roundId).findFirst().orElseThrow();
    }

    /** Whether {@code actor} organises this contest: CONTEST_MANAGE over the whole district or the organising school. */
    public boolean organisedBy(Actor actor) {
        if (!actor.can(Permission.CONTEST_MANAGE)) {
            return false;
        }
        Long school = organiserSchoolId;
        return school == null ? actor.isDistrictWide() : actor.reachesWholeSchool(school);
    }

    /** Whether a lesson of this school, subject and grade may enter. */
    public boolean admits(long schoolId, @Nullable Long subjectId, @Nullable String grade) {
        return (schoolIds.isEmpty() || schoolIds.contains(schoolId))
                && (subjectIds.isEmpty() || (subjectId != null && subjectIds.contains(subjectId)))
                && (grades.isEmpty() || (grade != null && grades.contains(grade)));
    }

    /** Whether submissions are taken at {@code now}: inside the window while the first round is open. */
    public boolean takesSubmissions(Instant now) {
        return !now.isBefore(submitOpensAt) && now.isBefore(submitClosesAt)
                && rounds.get(0).state() == RoundState.OPEN;
    }
}
