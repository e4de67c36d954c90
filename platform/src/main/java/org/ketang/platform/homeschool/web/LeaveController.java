package org.ketang.platform.homeschool.web;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.homeschool.internal.LeaveRequests;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Leave requests (请假) and the attendance their approval marks. */
@RestController
@RequestMapping("/api/v1/homeschool")
class LeaveController {

    private final LeaveRequests leave;

    LeaveController(LeaveRequests leave) {
        this.leave = leave;
    }

    record LeaveRequest(long studentId, @NotNull LeaveRequests.Kind kind, @NotNull LocalDate fromDate,
            @NotNull LocalDate toDate, @Nullable List<Integer> periods, @NotBlank @Size(max = 1000) String reason) {
    }

    record Decision(@Nullable @Size(max = 500) String note) {
    }

    record Created(long id) {
    }

    @PostMapping("/leave")
    @ResponseStatus(HttpStatus.CREATED)
    Created request(Actor actor, @Valid @RequestBody LeaveRequest request) {
        return new Created(leave.request(actor, new LeaveRequests.NewLeave(request.studentId(), request.kind(),
                request.fromDate(), request.toDate(), request.periods(), request.reason())));
    }

    /** The caller's own requests (parents), or a class's requests ({@code classId}, its teachers). */
    @GetMapping("/leave")
    List<LeaveRequests.Leave> list(Actor actor, @RequestParam(required = false) @Nullable Long classId) {
        return classId == null ? leave.mine(actor) : leave.ofClass(actor, classId);
    }

    @GetMapping("/leave/{id}")
    LeaveRequests.Leave one(Actor actor, @PathVariable long id) {
        return leave.one(actor, id);
    }

    @PostMapping("/leave/{id}/approve")
    LeaveRequests.Leave approve(Actor actor, @PathVariable long id, @RequestBody(required = false) @Nullable Decision decision) {
        return leave.decide(actor, id, true, decision == null ? null : decision.note());
    }

    @PostMapping("/leave/{id}/reject")
    LeaveRequests.Leave reject(Actor actor, @PathVariable long id, @RequestBody(required = false) @Nullable Decision decision) {
        return leave.decide(actor, id, false, decision == null ? null : decision.note());
    }

    /** Attendance marks: a class's ({@code classId}, teachers) or a child's ({@code studentId}, parents). */
    @GetMapping("/attendance")
    List<LeaveRequests.Attendance> attendance(Actor actor, @RequestParam(required = false) @Nullable Long classId,
            @RequestParam(required = false) @Nullable Long studentId, @RequestParam LocalDate from, @RequestParam LocalDate to) {
        return leave.attendance(actor, classId, studentId, from, to);
    }
}
