package dev.taskflux.service.web;

import dev.taskflux.api.error.ConflictException;
import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.NotFoundException;
import dev.taskflux.api.error.TaskfluxException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place errors become HTTP responses: RFC 9457 {@code application/problem+json} with the
 * offending fields named. Invalid input is 400, a missing resource 404, an impossible transition
 * 409; anything unexpected is logged and answered with a 500 that reveals nothing internal.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.violations());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), List.of());
    }

    @ExceptionHandler(TaskfluxException.class)
    ResponseEntity<ProblemDetail> other(TaskfluxException e) {
        return problem(HttpStatus.BAD_REQUEST, "Request failed", e.getMessage(), List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed",
                List.of());
    }

    @ExceptionHandler(ContentTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(ContentTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                "the request body exceeds the configured limit", List.of());
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (cause(ex, DataBufferLimitException.class) != null) {
            return Mono.just(widen(tooLarge(new ContentTooLargeException(ex))));
        }
        FieldViolation violation = InputViolations.of(ex);
        return Mono.just(widen(problem(HttpStatus.BAD_REQUEST, "Invalid request", violation.toString(),
                List.of(violation))));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        FieldViolation violation = new FieldViolation(ex.getName(),
                ex.getLabel() + " '" + ex.getName() + "' is required");
        return Mono.just(widen(problem(HttpStatus.BAD_REQUEST, "Invalid request", violation.toString(),
                List.of(violation))));
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                        List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!violations.isEmpty()) {
            problem.setProperty("violations", violations.stream()
                    .map(v -> Map.of("field", v.field(), "reason", v.reason())).toList());
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
