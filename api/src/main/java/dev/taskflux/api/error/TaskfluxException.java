package dev.taskflux.api.error;

/** The root of every error Taskflux reports to its callers. */
public abstract class TaskfluxException extends RuntimeException {

    protected TaskfluxException(String message) {
        super(message);
    }

    protected TaskfluxException(String message, Throwable cause) {
        super(message, cause);
    }
}
