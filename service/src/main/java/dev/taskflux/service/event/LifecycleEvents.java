package dev.taskflux.service.event;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The one in-process stream of lifecycle events. Only the code that changes state publishes, after
 * the change is durable. Subscribers that fall behind lose events rather than slow the engine.
 */
@Component
public class LifecycleEvents {

    private final Sinks.Many<LifecycleEvent> sink = Sinks.many().multicast().directBestEffort();

    /** Publishes {@code event} to current subscribers; safe to call from any thread. */
    public void publish(LifecycleEvent event) {
        // Emissions are serialized here instead of spinning on contention; a subscriber that cannot
        // keep up misses events rather than slowing the thread that changed the state.
        synchronized (sink) {
            sink.tryEmitNext(event);
        }
    }

    /** Every event published from now on. */
    public Flux<LifecycleEvent> stream() {
        return sink.asFlux();
    }
}
