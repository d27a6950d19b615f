package dev.taskflux.service.event;

import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where state changes are reported. Code that changes state records the events describing the change
 * in the same transaction, so the event log never shows a change that did not happen and never misses
 * one that did; readers get them from the log once committed.
 */
@Component
public class LifecycleEvents {

    private final EventLog log;
    private final EventHub hub;

    LifecycleEvents(EventLog log, EventHub hub) {
        this.log = log;
        this.hub = hub;
    }

    /**
     * Records {@code events} in the current transaction (or in one of their own when there is none);
     * they are delivered once it commits.
     */
    public Mono<Void> record(List<LifecycleEvent> events) {
        return Mono.defer(() -> log.append(events));
    }

    /** Records one event; see {@link #record(List)}. */
    public Mono<Void> record(LifecycleEvent event) {
        return record(List.of(event));
    }

    /** Every event committed from now on, as it is committed. */
    public Flux<LifecycleEvent> stream() {
        return hub.subscribe(EventFilter.ALL, -1).map(SequencedEvent::event);
    }
}
