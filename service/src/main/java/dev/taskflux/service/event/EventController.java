package dev.taskflux.service.event;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.storage.JsonCodec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/events}: the lifecycle event stream as server-sent events. Each message's
 * {@code id} is the event's sequence; a client that reconnects with {@code Last-Event-ID} (or
 * {@code ?after=}) gets everything after it, then live events, with no gap and no duplicate.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Events", description = "Live and replayable lifecycle events")
class EventController {

    /** The SSE event name of the last message of a stream cut off because its client fell behind. */
    static final String OVERFLOW = "overflow";

    private final EventHub hub;
    private final Duration heartbeat;
    /** Each event's JSON, encoded once for all the streams that send it. */
    private final PerEvent<String> json;

    EventController(EventHub hub, TaskfluxProperties properties, JsonCodec codec) {
        this.hub = hub;
        this.heartbeat = properties.events().heartbeat();
        this.json = new PerEvent<>(e -> codec.write(EventView.of(e)));
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stream lifecycle events, replaying from Last-Event-ID or ?after= first")
    @ApiResponse(responseCode = "200", description = "one message per event; data is an EventView",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(implementation = EventView.class)))
    Flux<ServerSentEvent<Object>> events(
            @RequestParam(required = false) String owner,
            @RequestParam(required = false) UUID task,
            @RequestParam(required = false) UUID instance,
            @RequestParam(required = false) UUID run,
            @Parameter(description = "event types, repeated or comma-separated")
            @RequestParam(required = false) List<String> type,
            @Parameter(description = "replay events after this sequence; overrides Last-Event-ID")
            @RequestParam(required = false) Long after,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        EventFilter filter = new EventFilter(owner, task, instance, run, types(type));
        long start = after != null ? checkedAfter(after, "after") : lastEventId(lastEventId);
        // Data given as a String is written as it is: the JSON encoded once per event.
        Flux<ServerSentEvent<Object>> events = hub.subscribe(filter, start)
                .map(e -> ServerSentEvent.<Object>builder(json.of(e)).id(Long.toString(e.seq()))
                        .event(e.event().type().name()).build())
                .onErrorResume(SlowSubscriberException.class, e -> Mono.just(overflow(e)));
        Flux<ServerSentEvent<Object>> keepAlive = Flux.interval(heartbeat)
                .map(t -> ServerSentEvent.builder().comment("keep-alive").build());
        return events.publish(shared -> Flux.merge(shared,
                keepAlive.takeUntilOther(shared.then().thenReturn(true).onErrorReturn(true))));
    }

    private static ServerSentEvent<Object> overflow(SlowSubscriberException e) {
        return ServerSentEvent.<Object>builder(new EventView(e.lastDelivered(), OVERFLOW, null, null, null, null, null, null,
                        Map.of("reason", e.getMessage(), "resumeAfter", e.lastDelivered())))
                .event(OVERFLOW).build();
    }

    private static Set<EventType> types(List<String> names) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        if (names == null) {
            return types;
        }
        for (String list : names) {
            for (String name : list.split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                try {
                    types.add(EventType.valueOf(trimmed));
                } catch (IllegalArgumentException e) {
                    throw InvalidArgumentException.of("type", "unknown event type '" + trimmed + "'; known types: "
                            + EnumSet.allOf(EventType.class));
                }
            }
        }
        return types;
    }

    private static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return checkedAfter(Long.parseLong(header.trim()), "Last-Event-ID");
        } catch (NumberFormatException e) {
            throw InvalidArgumentException.of("Last-Event-ID", "must be an event sequence number");
        }
    }

    private static long checkedAfter(long after, String field) {
        if (after < 0) {
            throw InvalidArgumentException.of(field, "must be 0 or more");
        }
        return after;
    }

    /**
     * One event as the stream sends it.
     *
     * @param seq        the event's sequence (also the SSE id)
     * @param type       what happened
     * @param at         when
     * @param owner      the definition's owner
     * @param taskId     the task definition
     * @param instanceId the task instance
     * @param runId      the workflow run
     * @param stepId     the workflow step
     * @param payload    details
     */
    record EventView(long seq, String type, Instant at, String owner, UUID taskId, UUID instanceId, UUID runId,
                     String stepId, Map<String, Object> payload) {

        static EventView of(SequencedEvent e) {
            LifecycleEvent event = e.event();
            return new EventView(e.seq(), event.type().name(), event.at(), event.owner(), event.taskId(),
                    event.instanceId(), event.runId(), event.stepId(), event.payload());
        }
    }
}
