package dev.taskflux.api.error;

import java.util.List;
import java.util.stream.Collectors;

/** The request is malformed; {@link #violations()} names each field and the reason. */
public class InvalidArgumentException extends TaskfluxException {

    private final List<FieldViolation> violations;

    public InvalidArgumentException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /** A rejection of one field. */
    public static InvalidArgumentException of(String field, String reason) {
        return new InvalidArgumentException(List.of(new FieldViolation(field, reason)));
    }

    /** Every rejected field, at least one. */
    public List<FieldViolation> violations() {
        return violations;
    }
}
