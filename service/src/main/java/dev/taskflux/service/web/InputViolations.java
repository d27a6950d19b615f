package dev.taskflux.service.web;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.service.storage.JsonCodec;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/** Names the field and the reason of input Spring could not read: a JSON body, a path or query value. */
final class InputViolations {

    private InputViolations() {
    }

    static FieldViolation of(ServerWebInputException ex) {
        JacksonException json = ProblemDetailsAdvice.cause(ex, JacksonException.class);
        if (json != null) {
            String field = JsonCodec.fieldPath(json);
            return field == null ? new FieldViolation("body", "malformed JSON: " + json.getOriginalMessage())
                    : new FieldViolation(field, JsonCodec.reason(json));
        }
        if (ProblemDetailsAdvice.cause(ex, DecodingException.class) != null) {
            return new FieldViolation("body", "malformed JSON: " + ex.getReason());
        }
        String field = parameterName(ex.getMethodParameter());
        TypeMismatchException mismatch = ProblemDetailsAdvice.cause(ex, TypeMismatchException.class);
        if (mismatch != null) {
            return new FieldViolation(field, "'" + mismatch.getValue() + "' is not " + expected(mismatch.getRequiredType()));
        }
        return new FieldViolation(field, String.valueOf(ex.getReason()));
    }

    private static String parameterName(MethodParameter parameter) {
        return parameter == null || parameter.getParameterName() == null ? "body" : parameter.getParameterName();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "valid";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        return "a valid " + type.getSimpleName();
    }
}
