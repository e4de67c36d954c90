package org.ketang.platform.patrol.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.live.LiveClasses;
import org.ketang.platform.organization.Directory;
import org.ketang.platform.organization.Happening;
import org.ketang.platform.organization.Timetables;
import org.springframework.stereotype.Component;

/**
 * The rooms of the patrol wall: the recording classrooms of a school (or all), each with whether it is on the air and
 * what the timetable says is taught there now, narrowed by the wall's filters.
 */
@Component
public class PatrolWall {

    /** The wall's filters; null means "any". */
    public record Filter(@Nullable Long schoolId, @Nullable Long buildingId, @Nullable Long gradeId,
            @Nullable Long subjectId, boolean teachingNow, boolean liveOnly) {
    }

    /**
     * A classroom on the wall.
     *
     * @param gradeId the grade of the class taught there now, else of the room's home class
     * @param lesson  what is taught now, if anything
     */
    public record Room(Directory.ClassroomInfo room, String schoolName, boolean live, @Nullable Instant liveSince,
            @Nullable Long gradeId, @Nullable Happening lesson) {
    }

    private final Directory directory;
    private final Timetables timetables;
    private final LiveClasses live;
    private final Clock clock = Clock.systemUTC();

    PatrolWall(Directory directory, Timetables timetables, LiveClasses live) {
        this.directory = directory;
        this.timetables = timetables;
        this.live = live;
    }

    public List<Room> rooms(Filter filter) {
        Instant now = clock.instant();
        Map<Long, LiveClasses.OnAir> onAir = live.onAirNow().stream()
                .collect(Collectors.toMap(LiveClasses.OnAir::classroomId, Function.identity(), (a, b) -> a));
        return directory.recordingClassrooms(filter.schoolId()).stream()
                .filter(r -> filter.buildingId() == null || filter.buildingId() == r.buildingId())
                .filter(r -> !filter.liveOnly() || onAir.containsKey(r.classroomId()))
                .map(r -> {
                    Happening h = timetables.whatIsHappening(r.classroomId(), now).orElse(null);
                    Long classId = h != null ? Long.valueOf(h.classId()) : r.homeClassId();
                    Long grade = classId == null ? null
                            : directory.schoolClass(classId).map(Directory.ClassInfo::gradeId).orElse(null);
                    LiveClasses.OnAir air = onAir.get(r.classroomId());
                    return new Room(r, directory.schoolName(r.schoolId()), air != null,
                            air == null ? null : air.startedAt(), grade, h);
                })
                .filter(room -> !filter.teachingNow() || room.lesson() != null)
                .filter(room -> filter.gradeId() == null || filter.gradeId().equals(room.gradeId()))
                .filter(room -> filter.subjectId() == null
                        || (room.lesson() != null && room.lesson().subjectId() == filter.subjectId()))
                .toList();
    }
}
