package org.ketang.platform.identity.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.internal.Sessions;
import org.ketang.platform.identity.internal.Sessions.SignedInUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Sign in and out, who am I, change my password. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "登录与账号 / sign-in and account")
class AuthController {

    private final Sessions sessions;

    AuthController(Sessions sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with username (or phone) and password; returns a bearer token and sets a session cookie")
    LoginResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
        SignedInUser user = sessions.signIn(body.username(), body.password(), request);
        return new LoginResponse(user.token(), user.expiresAt(), Me.of(user.actor(), user.schoolName(),
                user.mustChangePassword()));
    }

    @PostMapping("/logout")
    @Operation(summary = "End the session and revoke the bearer token used")
    ResponseEntity<Void> logout(Actor actor, HttpServletRequest request) {
        sessions.signOut(actor, request);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user")
    Me me(Actor actor) {
        return Me.of(actor, sessions.schoolNameOf(actor), sessions.mustChangePassword(actor));
    }

    @PostMapping("/password")
    @Operation(summary = "Change my password")
    ResponseEntity<Void> changePassword(Actor actor, @Valid @RequestBody PasswordChange body,
            HttpServletRequest request) {
        sessions.changePassword(actor, body.currentPassword(), body.newPassword(), request);
        return ResponseEntity.noContent().build();
    }

    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
    }

    record LoginResponse(String token, Instant expiresAt, Me user) {
    }

    record PasswordChange(@NotBlank @Size(max = 200) String currentPassword,
            @NotBlank @Size(max = 200) String newPassword) {
    }

    record Me(long id, String username, String displayName, @Nullable Long schoolId, @Nullable String schoolName,
            List<String> roles, List<String> permissions, boolean mustChangePassword) {

        static Me of(Actor actor, @Nullable String schoolName, boolean mustChangePassword) {
            return new Me(actor.userId(), actor.username(), actor.displayName(), actor.schoolId(), schoolName,
                    actor.roles().stream().sorted().toList(),
                    actor.permissions().stream().map(Enum::name).sorted().toList(), mustChangePassword);
        }
    }
}
