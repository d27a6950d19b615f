package dev.taskflux.api.error;

/** Something of that name or id already exists (a worker offering a handler the service has built in, say). */
public class AlreadyExistsException extends ConflictException {

    public AlreadyExistsException(Object id, String message) {
        super(id, message);
    }
}
