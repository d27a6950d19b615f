package dev.taskflux.service.worker;

/** The worker running an attempt disconnected or went silent; the attempt may be retried. */
public class WorkerLostException extends RuntimeException {

    public WorkerLostException(String message) {
        super(message);
    }
}
