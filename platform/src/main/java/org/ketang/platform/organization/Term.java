package org.ketang.platform.organization;

import java.time.LocalDate;

/** A school term (学期): the dates in which its timetable applies, both ends included. */
public record Term(long id, long schoolId, String name, LocalDate startDate, LocalDate endDate) {

    public Term {
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("a term must not end before it starts");
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(startDate) && !date.isAfter(endDate);
    }
}
