package dev.taskflux.service.event;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Tells the event tailer that new events may be visible: after a local commit, on a PostgreSQL
 * notification from another node, or on a timer. Wake-ups that arrive while the tailer is busy
 * collapse into one.
 */
@Component
public class EventWakeups {

    private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();

    /** Events were committed on this node. */
    public void committed() {
        wake();
    }

    /** Something outside this node may have committed events. */
    public void wake() {
        synchronized (sink) {
            sink.tryEmitNext(Boolean.TRUE);
        }
    }

    /** The wake-ups from now on. */
    Flux<Boolean> stream() {
        return sink.asFlux();
    }
}
