package dev.taskflux.api.error;

/** The operation is not possible in the resource's current state (resume a cancelled task, say). */
public class ConflictException extends TaskfluxException {

    private final String id;

    public ConflictException(Object id, String message) {
        super(message);
        this.id = String.valueOf(id);
    }

    /** The resource whose state forbids the operation. */
    public String id() {
        return id;
    }
}
