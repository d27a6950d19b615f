package dev.taskflux.service.event;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a batch of events is stored in one row: a JSON array in sequence order, one compact object
 * per event ({@code type}, {@code at}, {@code owner}, then {@code task}, {@code instance}, {@code run},
 * {@code step} and {@code payload} when present). Independent of the application's JSON settings,
 * so stored batches stay readable. Written and read token by token: the event tail decodes every
 * event the engine records, and binding each to a class costs several times as much.
 *
 * <p>{@code at} is the number of nanoseconds since the epoch; batches stored before it was, and
 * instants that do not fit in a long, hold it as an ISO-8601 string instead, which is read as well.
 */
final class EventBatchJson {

    /** Payloads are read in the middle of a batch, so what follows one is not an error. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };
    private static final ObjectReader PAYLOAD_READER = MAPPER.readerFor(PAYLOAD);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Epoch seconds whose nanosecond count fits in a long, with a margin for the nano part. */
    private static final long MAX_NANO_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND - 1;

    private EventBatchJson() {
    }

    static String write(List<LifecycleEvent> events) {
        StringWriter out = new StringWriter(events.size() * 160);
        try (JsonGenerator json = MAPPER.createGenerator(out)) {
            json.writeStartArray();
            for (LifecycleEvent e : events) {
                json.writeStartObject();
                json.writeStringProperty("type", e.type().name());
                writeAt(json, e.at());
                json.writeStringProperty("owner", e.owner());
                writeId(json, "task", e.taskId());
                writeId(json, "instance", e.instanceId());
                writeId(json, "run", e.runId());
                if (e.stepId() != null) {
                    json.writeStringProperty("step", e.stepId());
                }
                if (!e.payload().isEmpty()) {
                    json.writeName("payload");
                    json.writePOJO(e.payload());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return out.toString();
    }

    /** An event payload stored on its own, as the log kept it before version 21. */
    static Map<String, Object> payload(String json) {
        return PAYLOAD_READER.readValue(json);
    }

    static List<LifecycleEvent> read(String stored) {
        List<LifecycleEvent> events = new ArrayList<>();
        try (JsonParser json = MAPPER.createParser(stored)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            while (json.nextToken() == JsonToken.START_OBJECT) {
                events.add(event(json));
            }
        }
        return events;
    }

    private static LifecycleEvent event(JsonParser json) {
        EventType type = null;
        Instant at = null;
        String owner = null;
        UUID task = null;
        UUID instance = null;
        UUID run = null;
        String step = null;
        Map<String, Object> payload = null;
        String name;
        while ((name = json.nextName()) != null) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "type" -> type = EventType.valueOf(json.getString());
                case "at" -> at = value == JsonToken.VALUE_NUMBER_INT ? fromNanos(json.getLongValue())
                        : Instant.parse(json.getString());
                case "owner" -> owner = nullable(json, value);
                case "task" -> task = id(json, value);
                case "instance" -> instance = id(json, value);
                case "run" -> run = id(json, value);
                case "step" -> step = nullable(json, value);
                case "payload" -> payload = value == JsonToken.VALUE_NULL ? null : PAYLOAD_READER.readValue(json);
                default -> json.skipChildren();
            }
        }
        return new LifecycleEvent(type, at, owner, task, instance, run, step, payload);
    }

    private static void writeAt(JsonGenerator json, Instant at) {
        if (Math.abs(at.getEpochSecond()) <= MAX_NANO_SECONDS) {
            json.writeNumberProperty("at", at.getEpochSecond() * NANOS_PER_SECOND + at.getNano());
        } else {
            json.writeStringProperty("at", at.toString());
        }
    }

    private static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    private static void writeId(JsonGenerator json, String name, UUID id) {
        if (id != null) {
            json.writeStringProperty(name, id.toString());
        }
    }

    private static UUID id(JsonParser json, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : UUID.fromString(json.getString());
    }

    private static String nullable(JsonParser json, JsonToken value) {
        return value == JsonToken.VALUE_NULL ? null : json.getString();
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("Stored event batch: expected " + expected + " but found " + actual);
        }
    }
}
