package dev.taskflux.service.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the field violations a validation reports. */
final class Violated {

    private Violated() {
    }

    /** Runs {@code validation} and returns the violations it reported, failing if it reported none. */
    static List<FieldViolation> by(ThrowingCallable validation) {
        InvalidArgumentException rejected = catchThrowableOfType(InvalidArgumentException.class, validation);
        assertThat(rejected).as("expected an InvalidArgumentException").isNotNull();
        return rejected.violations();
    }

    /** The fields named by the violations {@code validation} reported. */
    static List<String> fields(ThrowingCallable validation) {
        return by(validation).stream().map(FieldViolation::field).toList();
    }
}
