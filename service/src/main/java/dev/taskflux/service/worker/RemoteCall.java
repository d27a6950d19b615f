package dev.taskflux.service.worker;

import dev.taskflux.service.handler.HandlerContext;
import reactor.core.publisher.MonoSink;

/** One attempt handed to the pool: waiting for a worker, or assigned to {@link #session}. */
final class RemoteCall {

    final HandlerContext context;
    final MonoSink<Object> outcome;
    /** The worker running it; {@code null} while queued. Guarded by the pool. */
    WorkerSession session;

    RemoteCall(HandlerContext context, MonoSink<Object> outcome) {
        this.context = context;
        this.outcome = outcome;
    }

    AttemptKey key() {
        return AttemptKey.of(context);
    }
}
