package dev.taskflux.api.error;

/**
 * One reason a request was rejected.
 *
 * @param field  dotted path of the offending field, for example {@code trigger.expression}
 * @param reason what is wrong with it
 */
public record FieldViolation(String field, String reason) {
    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
