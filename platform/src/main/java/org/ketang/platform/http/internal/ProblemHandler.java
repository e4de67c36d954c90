package org.ketang.platform.http.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.ketang.platform.http.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of an API call into a problem detail with a stable type and a bilingual message —
 * never a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return respond(ApiProblem.forbidden());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        return respond(new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "请先登录", "Please sign in first"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error in an API call", e);
        return respond(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "服务器内部错误，请稍后重试",
                "Internal server error; please try again later"));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        return respond(ApiProblem.invalid("请求内容不正确", "The request is not valid").with("errors", errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = ex.getAllErrors().stream().map(e -> String.valueOf(e.getDefaultMessage())).toList();
        return respond(ApiProblem.invalid("请求参数不正确", "A request parameter is not valid").with("errors", errors));
    }

    /**
     * Spring's own errors (malformed JSON, wrong method, missing parameter, …) keep their status but get
     * our type and a bilingual message.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || problem.getType().toString().equals("about:blank"))) {
            problem.setType(URI.create(ApiProblem.TYPE_BASE + slugOf(statusCode)));
            if (problem.getProperties() == null || !problem.getProperties().containsKey("detailEn")) {
                problem.setProperty("detailEn", problem.getDetail());
                problem.setDetail(chineseFor(statusCode));
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String slugOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "validation";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406, 415 -> "unsupported-media-type";
            case 413 -> "too-large";
            default -> "http-" + status.value();
        };
    }

    private static String chineseFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "请求格式不正确";
            case 404 -> "找不到请求的资源";
            case 405 -> "不支持该请求方法";
            case 406, 415 -> "不支持的内容类型";
            case 413 -> "上传内容过大";
            default -> "请求失败";
        };
    }

    private static ResponseEntity<Object> respond(ApiProblem problem) {
        return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
    }
}
