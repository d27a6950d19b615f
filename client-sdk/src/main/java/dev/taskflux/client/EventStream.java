package dev.taskflux.client;

import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.reactor.ReactorClientCalls;
import dev.taskflux.proto.v1.Event;
import dev.taskflux.proto.v1.EventServiceGrpc.EventServiceStub;
import dev.taskflux.proto.v1.WatchEventsRequest;
import dev.taskflux.proto.v1.WatchEventsResponse;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A watch of the event stream that outlives its gRPC calls: when a call ends (the service cut off a
 * reader that fell behind, restarted, or the network failed) it watches again after the last
 * sequence it delivered, with backoff, so its subscriber sees every event once, in order. It ends
 * with an error once its channel has been shut down.
 */
final class EventStream {

    /** The trailer that ends a stream the client should watch again, naming the sequence to resume after. */
    static final Metadata.Key<String> RESUME_AFTER = Metadata.Key.of("taskflux-resume-after",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final EventServiceStub stub;
    private final Channel channel;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    /** Watches through {@code stub}, which calls over {@code channel}; a shut-down channel ends the watch. */
    EventStream(EventServiceStub stub, Channel channel, Duration firstBackoff, Duration maxBackoff) {
        this.stub = stub;
        this.channel = channel;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** The events passing {@code filter} after {@code after}, or from the next new one when it is negative. */
    Flux<LifecycleEvent> watch(EventFilter filter, long after) {
        return Flux.defer(() -> {
            AtomicLong last = new AtomicLong(after);
            return Flux.defer(() -> call(filter, last.get()))
                    .doOnNext(m -> last.set(m.hasStarted() ? m.getStarted().getAfter() : m.getEvent().getSeq()))
                    .filter(WatchEventsResponse::hasEvent)
                    .map(m -> event(m.getEvent()))
                    .concatWith(Mono.error(() -> Status.UNAVAILABLE.withDescription("the event stream ended")
                            .asRuntimeException()))
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, firstBackoff).maxBackoff(maxBackoff)
                            .transientErrors(true).filter(error -> resumable(error) && !Channels.shutDown(channel))
                            .doBeforeRetry(signal -> log.info("Watching events again after sequence {}: {}",
                                    last.get(), signal.failure().toString())))
                    .onErrorMap(error -> ClientErrors.map(error, "events", null));
        });
    }

    private Flux<WatchEventsResponse> call(EventFilter filter, long after) {
        WatchEventsRequest.Builder request = WatchEventsRequest.newBuilder().setOwner(text(filter.owner()))
                .setTaskId(text(filter.taskId())).setInstanceId(text(filter.instanceId()))
                .setRunId(text(filter.runId())).addAllTypes(filter.types());
        if (after >= 0) {
            request.setAfter(after);
        }
        return ReactorClientCalls.serverStream(request.build(), stub::watchEvents);
    }

    /**
     * Whether watching again can help: the service or network could not go on (UNAVAILABLE, or
     * CANCELLED by a server shutting down: this watch's own cancellation never reaches here), or the
     * service cut off a reader that fell behind.
     */
    static boolean resumable(Throwable error) {
        if (!(error instanceof StatusRuntimeException status)) {
            return false;
        }
        Status.Code code = status.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.CANCELLED
                || status.getTrailers() != null && status.getTrailers().containsKey(RESUME_AFTER);
    }

    private static LifecycleEvent event(Event e) {
        return new LifecycleEvent(e.getSeq(), e.getType(), ProtoValues.instant(e.getAt()), nullIfEmpty(e.getOwner()),
                uuid(e.getTaskId()), uuid(e.getInstanceId()), uuid(e.getRunId()), nullIfEmpty(e.getStepId()),
                ProtoValues.map(e.getPayload()));
    }

    private static UUID uuid(String value) {
        return value.isEmpty() ? null : UUID.fromString(value);
    }

    private static String nullIfEmpty(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
