package dev.taskflux.client;

/** Fails a remote attempt for good: the service does not retry it, whatever the task's retry policy. */
public class NonRetryableException extends RuntimeException {

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
