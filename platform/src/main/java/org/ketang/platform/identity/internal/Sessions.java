package org.ketang.platform.identity.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.ketang.platform.identity.Actor;
import org.ketang.platform.identity.PasswordChanged;
import org.ketang.platform.identity.SchoolNames;
import org.ketang.platform.identity.SignedOut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Web sessions and bearer tokens around {@link SignIn}: what the sign-in endpoints do, with the HTTP
 * answers for each outcome.
 */
@Service
public class Sessions {

    private final SignIn signIn;
    private final ApiTokens tokens;
    private final Actors actors;
    private final JdbcUserAccounts accounts;
    private final ObjectProvider<SchoolNames> schoolNames;
    private final ApplicationEventPublisher events;

    Sessions(SignIn signIn, ApiTokens tokens, Actors actors, JdbcUserAccounts accounts,
            ObjectProvider<SchoolNames> schoolNames, ApplicationEventPublisher events) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.actors = actors;
        this.accounts = accounts;
        this.schoolNames = schoolNames;
        this.events = events;
    }

    /**
     * Signs in: on success starts a fresh web session (new id, against session fixation) and issues a token.
     *
     * @throws ApiProblem 401 {@code bad-credentials}, 423 {@code account-locked}, 403 {@code account-disabled},
     *                    429 {@code too-many-attempts}
     */
    public SignedInUser signIn(String login, String password, HttpServletRequest request) {
        SignIn.Outcome outcome = signIn.attempt(login, password, request.getRemoteAddr());
        if (outcome instanceof SignIn.Outcome.Success success) {
            var account = success.account();
            HttpSession old = request.getSession(false);
            if (old != null) {
                old.invalidate();
            }
            request.getSession(true).setAttribute(ActorAuthenticationFilter.SESSION_USER, account.id());
            Actor actor = actors.actorOf(account);
            ActorAuthenticationFilter.signIn(actor);
            ApiTokens.Issued token = tokens.issue(account.id());
            return new SignedInUser(actor, token.token(), token.expiresAt(), schoolNameOf(actor),
                    account.mustChangePassword());
        }
        if (outcome instanceof SignIn.Outcome.Locked locked) {
            long minutes = Math.max(1, (locked.remaining().toSeconds() + 59) / 60);
            throw new ApiProblem(HttpStatus.LOCKED, "account-locked",
                    "密码错误次数过多，账号已锁定，请 " + minutes + " 分钟后再试",
                    "Too many wrong passwords: the account is locked; try again in " + minutes + " minutes")
                    .with("retryAfterSeconds", locked.remaining().toSeconds());
        }
        if (outcome instanceof SignIn.Outcome.Disabled) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "account-disabled", "账号已停用，请联系管理员",
                    "This account is disabled; ask your administrator");
        }
        if (outcome instanceof SignIn.Outcome.Throttled throttled) {
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "登录尝试过于频繁，请稍后再试",
                    "Too many sign-in attempts; wait a moment")
                    .with("retryAfterSeconds", Math.max(1, throttled.retryAfter().toSeconds()));
        }
        throw new ApiProblem(HttpStatus.UNAUTHORIZED, "bad-credentials", "用户名或密码错误",
                "Wrong username or password");
    }

    /** Ends the web session and revokes the bearer token the request came with. */
    @Transactional
    public void signOut(Actor actor, HttpServletRequest request) {
        if (request.getAttribute(ActorAuthenticationFilter.BEARER_TOKEN) instanceof String token) {
            tokens.revoke(token);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        events.publishEvent(new SignedOut(actor.userId(), actor.username(), actor.schoolId(), request.getRemoteAddr()));
    }

    /** Changes the actor's own password after checking the current one; other tokens of the user are revoked. */
    @Transactional
    public void changePassword(Actor actor, String current, String proposed, HttpServletRequest request) {
        var account = accounts.findStored(actor.userId()).orElseThrow(() -> ApiProblem.notFound("账号", "Account"));
        if (!accounts.passwordMatches(account, current)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "wrong-password", "当前密码不正确",
                    "The current password is not correct");
        }
        String[] weakness = Credentials.weakness(account.username(), proposed);
        if (weakness != null) {
            throw ApiProblem.invalid(weakness[0], weakness[1]);
        }
        accounts.setPassword(account.id(), proposed, false);
        tokens.revokeAllOf(account.id());
        events.publishEvent(new PasswordChanged(account.id(), account.username(), account.schoolId(),
                request.getRemoteAddr()));
    }

    public @Nullable String schoolNameOf(Actor actor) {
        Long school = actor.schoolId();
        SchoolNames names = schoolNames.getIfAvailable();
        return school == null || names == null ? null : names.nameOf(school).orElse(null);
    }

    public boolean mustChangePassword(Actor actor) {
        return accounts.findStored(actor.userId()).map(JdbcUserAccounts.StoredAccount::mustChangePassword)
                .orElse(false);
    }

    /** A successful sign-in: who, their new bearer token, and what the web app shows first. */
    public record SignedInUser(Actor actor, String token, Instant expiresAt, @Nullable String schoolName,
            boolean mustChangePassword) {
    }
}
