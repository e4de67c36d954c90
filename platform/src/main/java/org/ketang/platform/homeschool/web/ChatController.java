package org.ketang.platform.homeschool.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.homeschool.internal.Chats;
import org.ketang.platform.identity.Actor;
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

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Chat: contacts, conversations, paged history, sending, delivered/read acknowledgements, withdrawal, quiet hours. */
@RestController
@RequestMapping("/api/v1/homeschool")
class ChatController {

    private final Chats chats;

    ChatController(Chats chats) {
        this.chats = chats;
    }

    record Opened(long id) {
    }

    record DirectRequest(long userId) {
    }

    record MessageRequest(@NotBlank @Size(max = 4000) String body) {
    }

    record Ack(long upTo) {
    }

    record Unread(int messages) {
    }

    record QuietHoursRequest(@Pattern(regexp = "\\d{2}:\\d{2}") String startsAt, @Pattern(regexp = "\\d{2}:\\d{2}") String endsAt) {
    }

    @GetMapping("/contacts")
    List<Chats.Contact> contacts(Actor actor) {
        return chats.contacts(actor);
    }

    @GetMapping("/conversations")
    List<Chats.Conversation> conversations(Actor actor) {
        return chats.conversations(actor);
    }

    @GetMapping("/conversations/unread")
    Unread unread(Actor actor) {
        return new Unread(chats.unread(actor));
    }

    @PostMapping("/conversations/direct")
    Opened direct(Actor actor, @RequestBody DirectRequest request) {
        return new Opened(chats.openDirect(actor, request.userId()));
    }

    @PostMapping("/conversations/class/{classId}")
    Opened classGroup(Actor actor, @PathVariable long classId) {
        return new Opened(chats.openClassGroup(actor, classId));
    }

    @GetMapping("/conversations/{id}")
    Chats.Conversation conversation(Actor actor, @PathVariable long id) {
        return chats.conversation(actor, id);
    }

    /** History, newest first; {@code before} pages back by message id. */
    @GetMapping("/conversations/{id}/messages")
    List<Chats.Message> messages(Actor actor, @PathVariable long id, @RequestParam(required = false) @Nullable Long before,
            @RequestParam(defaultValue = "30") int limit) {
        return chats.messages(actor, id, before, limit);
    }

    @PostMapping("/conversations/{id}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    Chats.Message send(Actor actor, @PathVariable long id, @Valid @RequestBody MessageRequest request) {
        return chats.send(actor, id, request.body());
    }

    @PostMapping("/conversations/{id}/delivered")
    void delivered(Actor actor, @PathVariable long id, @RequestBody Ack ack) {
        chats.acknowledge(actor, id, ack.upTo(), false);
    }

    @PostMapping("/conversations/{id}/read")
    void read(Actor actor, @PathVariable long id, @RequestBody Ack ack) {
        chats.acknowledge(actor, id, ack.upTo(), true);
    }

    @DeleteMapping("/messages/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(Actor actor, @PathVariable long id) {
        chats.withdraw(actor, id);
    }

    @GetMapping("/quiet-hours")
    Chats.@Nullable QuietHours quietHours(Actor actor) {
        return chats.quietHours(actor).orElse(null);
    }

    @PutMapping("/quiet-hours")
    void setQuietHours(Actor actor, @Valid @RequestBody QuietHoursRequest request) {
        chats.setQuietHours(actor, request.startsAt() == null ? null : new Chats.QuietHours(request.startsAt(), request.endsAt()));
    }
}
