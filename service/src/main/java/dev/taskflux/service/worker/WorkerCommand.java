package dev.taskflux.service.worker;

import dev.taskflux.service.handler.HandlerContext;

/** What the service tells a connected worker. */
public sealed interface WorkerCommand {

    /** Run this attempt. */
    record Assign(HandlerContext context) implements WorkerCommand {
    }

    /**
     * Stop running an attempt: it was cancelled or timed out.
     *
     * @param attempt the attempt's key
     * @param reason  why, for the worker's logs
     */
    record Stop(AttemptKey attempt, String reason) implements WorkerCommand {
    }
}
