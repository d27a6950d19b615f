package dev.taskflux.service.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a batch of events is stored in one row: a JSON array in sequence order, one compact object
 * per event. Independent of the application's JSON settings, so stored batches stay readable.
 */
final class EventBatchJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<List<Stored>> BATCH = new TypeReference<>() {
    };

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private EventBatchJson() {
    }

    static String write(List<LifecycleEvent> events) {
        List<Stored> stored = new ArrayList<>(events.size());
        for (LifecycleEvent e : events) {
            stored.add(new Stored(e.type(), e.at(), e.owner(), e.taskId(), e.instanceId(), e.runId(), e.stepId(),
                    e.payload().isEmpty() ? null : e.payload()));
        }
        return MAPPER.writeValueAsString(stored);
    }

    /** An event payload stored on its own, as the log kept it before version 21. */
    static Map<String, Object> payload(String json) {
        return MAPPER.readValue(json, PAYLOAD);
    }

    static List<LifecycleEvent> read(String json) {
        List<Stored> stored = MAPPER.readValue(json, BATCH);
        List<LifecycleEvent> events = new ArrayList<>(stored.size());
        for (Stored s : stored) {
            events.add(new LifecycleEvent(s.type(), s.at(), s.owner(), s.task(), s.instance(), s.run(), s.step(),
                    s.payload()));
        }
        return events;
    }

    /** One event as stored; absent ids and an empty payload are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(EventType type, Instant at, String owner, UUID task, UUID instance, UUID run, String step,
                  Map<String, Object> payload) {
    }
}
