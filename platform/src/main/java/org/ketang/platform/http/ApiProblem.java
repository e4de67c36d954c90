package org.ketang.platform.http;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error the API reports on purpose: an RFC 9457 problem with a stable {@code type}
 * ({@code https://ketang.dev/problems/<slug>}), a Chinese {@code detail} and an English {@code detailEn}.
 * Throw it from a controller or service; the platform renders it as {@code application/problem+json}.
 */
public class ApiProblem extends ErrorResponseException {

    /** Prefix of every problem type. */
    public static final String TYPE_BASE = "https://ketang.dev/problems/";

    public ApiProblem(HttpStatus status, String slug, String detailZh, String detailEn) {
        super(status, problem(status, slug, detailZh, detailEn), null);
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String detailZh, String detailEn) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailZh);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("detailEn", detailEn);
        return problem;
    }

    /** Adds a machine-readable field to the problem (e.g. {@code errors}, {@code retryAfterSeconds}). */
    public ApiProblem with(String name, Object value) {
        getBody().setProperty(name, value);
        return this;
    }

    /** Adds several fields at once. */
    public ApiProblem with(Map<String, ?> properties) {
        properties.forEach(getBody()::setProperty);
        return this;
    }

    /** 404: the thing does not exist or is out of the caller's reach (never reveal which). */
    public static ApiProblem notFound(String whatZh, String whatEn) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "找不到" + whatZh, whatEn + " not found");
    }

    /** 403: signed in but not allowed. */
    public static ApiProblem forbidden() {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "没有权限执行此操作", "You are not allowed to do this");
    }

    /** 409: the request clashes with the current state. */
    public static ApiProblem conflict(String detailZh, String detailEn) {
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", detailZh, detailEn);
    }

    /** 400 for a rule the bean validation annotations cannot express. */
    public static ApiProblem invalid(String detailZh, String detailEn) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "validation", detailZh, detailEn);
    }

    /** The problem's type slug, e.g. {@code not-found}. */
    public String slug() {
        URI type = getBody().getType();
        return type.toString().substring(TYPE_BASE.length());
    }
}
