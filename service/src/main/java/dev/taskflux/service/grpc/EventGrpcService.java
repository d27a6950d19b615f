package dev.taskflux.service.grpc;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.api.error.Violations;
import dev.taskflux.proto.reactor.ReactorServerCalls;
import dev.taskflux.proto.v1.EventServiceGrpc;
import dev.taskflux.proto.v1.Started;
import dev.taskflux.proto.v1.WatchEventsRequest;
import dev.taskflux.proto.v1.WatchEventsResponse;
import dev.taskflux.service.event.EventFilter;
import dev.taskflux.service.event.EventHub;
import dev.taskflux.service.event.EventType;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.grpc.server.service.GrpcService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gRPC face of the lifecycle event stream, served by the same {@link EventHub} as SSE: replay
 * after a sequence, then live, sent only as fast as the client reads. A client that stops reading is
 * cut off by the hub once its queue is full; {@link GrpcErrors} turns that into RESOURCE_EXHAUSTED
 * with the sequence to resume after.
 */
@GrpcService
class EventGrpcService extends EventServiceGrpc.EventServiceImplBase {

    private final EventHub hub;
    private final EventMessages messages = new EventMessages();

    EventGrpcService(EventHub hub) {
        this.hub = hub;
    }

    @Override
    public void watchEvents(WatchEventsRequest request, StreamObserver<WatchEventsResponse> answers) {
        ReactorServerCalls.serverStream(Flux.defer(() -> watch(request)), answers, GrpcErrors::status);
    }

    private Flux<WatchEventsResponse> watch(WatchEventsRequest request) {
        EventFilter filter = filter(request);
        // Without a starting sequence the stream starts at the hub's head, which the client learns
        // first, so it can resume from there even before any event arrives.
        long after = request.hasAfter() ? request.getAfter() : hub.head();
        WatchEventsResponse started = WatchEventsResponse.newBuilder()
                .setStarted(Started.newBuilder().setAfter(after)).build();
        AtomicLong last = new AtomicLong(after);
        Flux<WatchEventsResponse> events = hub.subscribe(filter, after)
                .doOnNext(e -> last.set(e.seq()))
                .map(e -> WatchEventsResponse.newBuilder().setEvent(messages.message(e)).build());
        // The hub ends its streams only when it stops; the client should come back.
        return Flux.concat(Mono.just(started), events).concatWith(Mono.error(() -> GrpcErrors.resumable(
                Status.UNAVAILABLE, "the event stream is stopping", last.get())));
    }

    private static EventFilter filter(WatchEventsRequest request) {
        Violations v = new Violations();
        v.check(request.hasAfter() && request.getAfter() < 0, "after", "must be 0 or more");
        UUID task = id(v, "task_id", request.getTaskId());
        UUID instance = id(v, "instance_id", request.getInstanceId());
        UUID run = id(v, "run_id", request.getRunId());
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String name : request.getTypesList()) {
            try {
                types.add(EventType.valueOf(name.trim()));
            } catch (IllegalArgumentException unknown) {
                v.add("types", "unknown event type '" + name + "'; known types: "
                        + EnumSet.allOf(EventType.class));
            }
        }
        v.throwIfAny();
        return new EventFilter(request.getOwner().isEmpty() ? null : request.getOwner(), task, instance, run, types);
    }

    private static UUID id(Violations v, String field, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Ids.parse(field, value);
        } catch (InvalidArgumentException malformed) {
            v.add(field, "must be a UUID");
            return null;
        }
    }
}
