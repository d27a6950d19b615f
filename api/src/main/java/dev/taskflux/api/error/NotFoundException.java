package dev.taskflux.api.error;

/** The named resource does not exist (or no longer does). */
public class NotFoundException extends TaskfluxException {

    private final String kind;
    private final String id;

    public NotFoundException(String kind, Object id) {
        super(kind + " " + id + " not found");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** What kind of resource was asked for, for example {@code task}. */
    public String kind() {
        return kind;
    }

    /** The id that was asked for. */
    public String id() {
        return id;
    }
}
