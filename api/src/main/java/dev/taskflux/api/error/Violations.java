package dev.taskflux.api.error;

import java.util.ArrayList;
import java.util.List;

/** Collects field violations so a request is rejected with every reason at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** Records a violation of {@code field} when {@code broken} holds. */
    public Violations check(boolean broken, String field, String reason) {
        if (broken) {
            add(field, reason);
        }
        return this;
    }

    /** Records a violation. */
    public Violations add(String field, String reason) {
        found.add(new FieldViolation(field, reason));
        return this;
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws {@link InvalidArgumentException} naming every violation, if any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidArgumentException(found);
        }
    }
}
