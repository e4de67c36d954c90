package org.ketang.platform.homeschool.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.homeschool.internal.Notices;
import org.ketang.platform.homeschool.internal.Notices.Audience;
import org.ketang.platform.homeschool.internal.Notices.NewNotice;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.Permission;
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

/** Notices (通知): staff send and follow receipts; parents read, confirm and see their unread count. */
@RestController
@RequestMapping("/api/v1/homeschool")
class NoticesController {

    private final Notices notices;

    NoticesController(Notices notices) {
        this.notices = notices;
    }

    record NoticeRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 10000) String body,
            boolean confirmRequired, @NotNull Audience audience) {
    }

    record Created(long id) {
    }

    record Unread(int notices) {
    }

    record Reminded(int reminded) {
    }

    @GetMapping("/notice-targets")
    Notices.Targets targets(Actor actor) {
        return notices.targets(actor);
    }

    @PostMapping("/notices")
    @ResponseStatus(HttpStatus.CREATED)
    Created send(Actor actor, @Valid @RequestBody NoticeRequest request) {
        return new Created(notices.send(actor,
                new NewNotice(request.title(), request.body(), request.confirmRequired(), request.audience())));
    }

    @GetMapping("/notices/sent")
    List<Notices.Sent> sent(Actor actor) {
        return notices.sentBy(actor);
    }

    @GetMapping("/notices/{id}/receipts")
    Notices.Receipts receipts(Actor actor, @PathVariable long id) {
        return notices.receipts(actor, id);
    }

    @PostMapping("/notices/{id}/remind")
    Reminded remind(Actor actor, @PathVariable long id) {
        return new Reminded(notices.remind(actor, id));
    }

    /** The signed-in user's notices, newest first; {@code before} pages back by id. */
    @GetMapping("/notices")
    List<Notices.Received> mine(Actor actor, @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "30") int limit) {
        return notices.mine(actor, before, limit);
    }

    @GetMapping("/notices/{id}")
    Notices.Received one(Actor actor, @PathVariable long id) {
        return notices.received(actor, id);
    }

    @PostMapping("/notices/{id}/read")
    Notices.Received read(Actor actor, @PathVariable long id) {
        return notices.markRead(actor, id);
    }

    @PostMapping("/notices/{id}/confirm")
    Notices.Received confirm(Actor actor, @PathVariable long id) {
        actor.require(Permission.HOMESCHOOL_USE);
        return notices.confirm(actor, id);
    }

    /** Counts for the app's badges. */
    @GetMapping("/unread")
    Unread unread(Actor actor) {
        return new Unread(notices.unread(actor));
    }

}
