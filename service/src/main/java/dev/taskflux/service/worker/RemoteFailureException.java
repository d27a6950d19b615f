package dev.taskflux.service.worker;

/** A worker reported that its handler failed the attempt; retried under the task's policy. */
public class RemoteFailureException extends RuntimeException {

    public RemoteFailureException(String message) {
        super(message);
    }
}
