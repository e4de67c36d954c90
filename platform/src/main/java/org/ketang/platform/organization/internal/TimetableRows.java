package org.ketang.platform.organization.internal;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.organization.BellSchedule;

/**
 * Checks every row of a timetable file against the school before anything is written, and turns the
 * rows into lessons. Pure: the school's names come in a {@link Catalog}.
 */
public final class TimetableRows {

    public static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.required("class", "班级", "class"),
            ImportColumn.required("weekday", "星期", "weekday", "day"),
            ImportColumn.required("period", "节次", "period"),
            ImportColumn.required("subject", "学科", "科目", "subject"),
            ImportColumn.required("teacher", "教师", "老师", "teacher"),
            ImportColumn.optional("classroom", "教室", "classroom", "room"));

    private TimetableRows() {
    }

    /**
     * What a school is called by: classes by full name (七年级1班), subjects by name, code or English name,
     * teachers by name or username (a name shared by two teachers must be given as username), classrooms by name.
     */
    public record Catalog(Map<String, Long> classes, Map<String, Long> subjects, Map<String, List<Long>> teachersByName,
            Map<String, Long> teachersByUsername, Map<String, List<Long>> classroomsByName, BellSchedule bells) {
    }

    /** The outcome: lessons to write (for whole weeks of the classes named) or the row errors. */
    public record Checked(List<Lessons.Placement> placements, Set<Long> classIds, List<ImportError> errors) {
    }

    public static Checked check(List<ImportRow> rows, Catalog catalog) {
        List<ImportError> errors = new ArrayList<>();
        List<Lessons.Placement> placements = new ArrayList<>();
        Set<Long> classIds = new LinkedHashSet<>();
        Map<String, Integer> slotRows = new HashMap<>();
        Map<String, Integer> teacherRows = new HashMap<>();
        if (rows.isEmpty()) {
            errors.add(ImportError.at(2, "没有数据行", "no data rows"));
        }
        for (ImportRow row : rows) {
            int n = row.row();
            List<ImportError> rowErrors = new ArrayList<>();
            Long classId = catalog.classes().get(row.get("class"));
            if (row.get("class").isEmpty()) {
                rowErrors.add(ImportError.at(n, "缺少班级", "class is missing"));
            } else if (classId == null) {
                rowErrors.add(ImportError.at(n, "未知班级 " + row.get("class"), "unknown class " + row.get("class")));
            }
            Optional<DayOfWeek> weekday = Weekdays.parse(row.get("weekday"));
            if (weekday.isEmpty()) {
                rowErrors.add(ImportError.at(n, "无法识别星期 " + row.get("weekday"), "unknown weekday " + row.get("weekday")));
            }
            Integer period = parsePeriod(row.get("period"));
            if (period == null) {
                rowErrors.add(ImportError.at(n, "无法识别节次 " + row.get("period"), "unknown period " + row.get("period")));
            } else if (weekday.isPresent() && !catalog.bells().hasPeriod(weekday.get(), period)) {
                rowErrors.add(ImportError.at(n, "作息时间中没有" + dayZh(weekday.get()) + "第" + period + "节",
                        "the bell schedule has no period " + period + " on " + weekday.get()));
            }
            Long subjectId = catalog.subjects().get(row.get("subject"));
            if (subjectId == null) {
                rowErrors.add(ImportError.at(n, "未知学科 " + row.get("subject"), "unknown subject " + row.get("subject")));
            }
            Long teacherId = null;
            String teacher = row.get("teacher");
            if (!teacher.isEmpty()) {
                teacherId = catalog.teachersByUsername().get(teacher);
                List<Long> byName = catalog.teachersByName().getOrDefault(teacher, List.of());
                if (teacherId == null && byName.size() == 1) {
                    teacherId = byName.get(0);
                } else if (teacherId == null && byName.size() > 1) {
                    rowErrors.add(ImportError.at(n, "有多位教师名为 " + teacher + "，请填写用户名",
                            "several teachers are called " + teacher + "; give the username"));
                } else if (teacherId == null) {
                    rowErrors.add(ImportError.at(n, "未知教师 " + teacher, "unknown teacher " + teacher));
                }
            }
            Long classroomId = null;
            String room = row.get("classroom");
            if (!room.isEmpty()) {
                List<Long> rooms = catalog.classroomsByName().getOrDefault(room, List.of());
                if (rooms.size() == 1) {
                    classroomId = rooms.get(0);
                } else if (rooms.isEmpty()) {
                    rowErrors.add(ImportError.at(n, "未知教室 " + room, "unknown classroom " + room));
                } else {
                    rowErrors.add(ImportError.at(n, "有多间教室名为 " + room, "several classrooms are called " + room));
                }
            }
            if (rowErrors.isEmpty()) {
                String slot = classId + "/" + weekday.get() + "/" + period;
                Integer earlier = slotRows.putIfAbsent(slot, n);
                if (earlier != null) {
                    rowErrors.add(ImportError.at(n, row.get("class") + " " + dayZh(weekday.get()) + "第" + period
                            + "节已在第" + earlier + "行安排", row.get("class") + " already has period " + period + " on "
                            + weekday.get() + " (row " + earlier + ")"));
                }
                if (teacherId != null) {
                    Integer busy = teacherRows.putIfAbsent(teacherId + "/" + weekday.get() + "/" + period, n);
                    if (busy != null) {
                        rowErrors.add(ImportError.at(n, "教师 " + teacher + " 在" + dayZh(weekday.get()) + "第" + period
                                + "节已有课（第" + busy + "行）", "teacher " + teacher + " already teaches period " + period
                                + " on " + weekday.get() + " (row " + busy + ")"));
                    }
                }
            }
            if (rowErrors.isEmpty()) {
                classIds.add(classId);
                placements.add(new Lessons.Placement(classId, weekday.get().getValue(), period, subjectId, teacherId,
                        classroomId));
            }
            errors.addAll(rowErrors);
        }
        return new Checked(errors.isEmpty() ? placements : List.of(), classIds, errors);
    }

    private static @Nullable Integer parsePeriod(String text) {
        String t = text.strip().replace("第", "").replace("节", "");
        try {
            int n = Integer.parseInt(t);
            return n >= 1 && n <= 20 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String dayZh(DayOfWeek day) {
        return "周" + "一二三四五六日".charAt(day.getValue() - 1);
    }
}
