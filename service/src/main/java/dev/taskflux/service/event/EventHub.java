package dev.taskflux.service.event;

import dev.taskflux.service.config.TaskfluxProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Delivers the event log to subscribers: each node tails the log (woken after local commits, by
 * notifications from other nodes, and on a timer) and hands every new event to the subscribers whose
 * filter it passes. A subscription first replays the log after its starting sequence, then continues
 * live, with no gap and no duplicate. Each subscriber has a bounded queue; one that falls behind is
 * cut off with {@link SlowSubscriberException} instead of slowing the engine or anyone else.
 */
@Component
public class EventHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final EventLog events;
    private final EventWakeups wakeups;
    private final TaskfluxProperties.Events settings;
    private final Subscriptions<Subscriber> subscribers = new Subscriptions<>();
    private final Object dispatch = new Object();
    private volatile long head = -1;
    private volatile Disposable tailing;

    EventHub(EventLog events, EventWakeups wakeups, TaskfluxProperties properties) {
        this.events = events;
        this.wakeups = wakeups;
        this.settings = properties.events();
    }

    /**
     * Events after sequence {@code after} that pass {@code filter}: those already in the log, then new
     * ones as they are committed. A negative {@code after} starts with the next new event. The flux
     * ends with {@link SlowSubscriberException} if its consumer falls more than the configured buffer
     * behind.
     */
    public Flux<SequencedEvent> subscribe(EventFilter filter, long after) {
        return Flux.defer(() -> {
            Subscriber subscriber = register(filter);
            long start = after < 0 ? subscriber.startAfter : after;
            AtomicLong last = new AtomicLong(start);
            Flux<SequencedEvent> live = subscriber.sink.asFlux().filter(e -> e.seq() > start);
            return Flux.concat(replay(filter, start, subscriber.startAfter), live)
                    .doOnNext(e -> last.set(e.seq()))
                    .onErrorMap(SlowSubscriberException.class,
                            e -> new SlowSubscriberException(last.get(), settings.subscriberBuffer()))
                    .doFinally(signal -> subscribers.remove(subscriber.filter.owner(), subscriber));
        });
    }

    /** How many subscriptions are open now. */
    public int subscribers() {
        return subscribers.size();
    }

    /** The sequence of the last event handed to subscribers, or -1 before the hub has started. */
    public long head() {
        return head;
    }

    private Flux<SequencedEvent> replay(EventFilter filter, long after, long upTo) {
        if (after >= upTo) {
            return Flux.empty();
        }
        int batch = settings.readBatch();
        return events.read(after, upTo, filter, batch).collectList()
                .expand(page -> page.size() < batch ? Mono.empty()
                        : events.read(page.get(page.size() - 1).seq(), upTo, filter, batch).collectList())
                .flatMapIterable(page -> page);
    }

    private Subscriber register(EventFilter filter) {
        synchronized (dispatch) {
            if (head < 0) {
                throw new IllegalStateException("the event stream is not running");
            }
            Subscriber subscriber = new Subscriber(filter, head, Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<SequencedEvent>get(settings.subscriberBuffer()).get()));
            subscribers.add(filter.owner(), subscriber);
            return subscriber;
        }
    }

    private Mono<Void> tail() {
        int batch = settings.readBatch();
        if (subscribers.isEmpty()) {
            return events.head().doOnNext(this::skipTo).then();
        }
        return events.read(head, Long.MAX_VALUE, EventFilter.ALL, batch).collectList()
                .expand(page -> page.size() < batch || subscribers.isEmpty() ? Mono.empty()
                        : events.read(page.get(page.size() - 1).seq(), Long.MAX_VALUE, EventFilter.ALL, batch)
                        .collectList())
                .doOnNext(this::deliver)
                .then();
    }

    private void skipTo(long seq) {
        synchronized (dispatch) {
            if (subscribers.isEmpty() && seq > head) {
                head = seq;
            }
        }
    }

    private void deliver(List<SequencedEvent> page) {
        synchronized (dispatch) {
            for (SequencedEvent event : page) {
                if (event.seq() <= head) {
                    continue;
                }
                subscribers.forEachWatching(event.event().owner(), subscriber -> subscriber.offer(event));
                head = event.seq();
            }
        }
    }

    @Override
    public void start() {
        head = events.head().blockOptional(Duration.ofSeconds(30)).orElse(0L);
        Flux<Boolean> ticks = Flux.interval(settings.pollInterval()).map(t -> Boolean.TRUE);
        tailing = Flux.merge(wakeups.stream(), ticks)
                .onBackpressureLatest()
                .concatMap(w -> tail().onErrorResume(e -> {
                    log.warn("Reading the event log failed; retrying at the next wake-up: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = tailing;
        if (running != null) {
            running.dispose();
        }
        tailing = null;
        subscribers.forEach(s -> {
            subscribers.remove(s.filter.owner(), s);
            s.sink.tryEmitComplete();
        });
    }

    @Override
    public boolean isRunning() {
        return tailing != null;
    }

    private final class Subscriber {
        private final EventFilter filter;
        private final long startAfter;
        private final Sinks.Many<SequencedEvent> sink;

        private Subscriber(EventFilter filter, long startAfter, Sinks.Many<SequencedEvent> sink) {
            this.filter = filter;
            this.startAfter = startAfter;
            this.sink = sink;
        }

        private void offer(SequencedEvent event) {
            if (!filter.test(event.event())) {
                return;
            }
            Sinks.EmitResult result = sink.tryEmitNext(event);
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                subscribers.remove(filter.owner(), this);
                sink.tryEmitError(new SlowSubscriberException(event.seq() - 1, settings.subscriberBuffer()));
            } else if (result.isFailure()) {
                subscribers.remove(filter.owner(), this);
            }
        }
    }
}
