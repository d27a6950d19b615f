package dev.taskflux.service.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventBatchJsonTest {

    private static final UUID TASK = UUID.fromString("0b7f6f0e-3c1e-4f7a-9d55-6a1f0f2b9c11");
    private static final UUID INSTANCE = UUID.fromString("5d2c8a4e-7b1f-4e21-8c3a-2f9e6d4b1a07");
    private static final UUID RUN = UUID.fromString("9e4b2d6f-1a3c-4b5d-8e7f-0a1b2c3d4e5f");

    @Test
    void everyFieldSurvivesARoundTrip() {
        List<LifecycleEvent> events = List.of(
                new LifecycleEvent(EventType.TASK_CREATED, Instant.parse("2026-11-23T08:00:00.123456789Z"), "ann",
                        TASK, null, Map.of()),
                new LifecycleEvent(EventType.INSTANCE_COMPLETED, Instant.parse("2026-11-23T08:00:01.000001Z"), "ann",
                        TASK, INSTANCE, Map.of("attempt", 1, "result", Map.of("ok", true, "items", List.of(1, 2)))),
                new LifecycleEvent(EventType.WORKFLOW_STEP_COMPLETED, Instant.parse("1969-12-31T23:59:59.5Z"), "bob",
                        null, null, RUN, "fetch", Map.of("status", "COMPLETED")));

        assertThat(EventBatchJson.read(EventBatchJson.write(events))).isEqualTo(events);
    }

    @Test
    void instantsBeyondNanosecondRangeAreKeptAsText() {
        Instant farFuture = Instant.parse("9999-12-31T23:59:59Z");
        List<LifecycleEvent> events = List.of(
                new LifecycleEvent(EventType.TASK_UPDATED, farFuture, "ann", TASK, null, Map.of()));

        String stored = EventBatchJson.write(events);

        assertThat(stored).contains("\"9999-12-31T23:59:59Z\"");
        assertThat(EventBatchJson.read(stored)).isEqualTo(events);
    }

    @Test
    void timesAreStoredAsNanosecondsSinceTheEpoch() {
        String stored = EventBatchJson.write(List.of(new LifecycleEvent(EventType.TASK_CREATED,
                Instant.ofEpochSecond(1, 5), "ann", TASK, null, Map.of())));

        assertThat(stored).contains("\"at\":1000000005");
    }

    @Test
    void batchesWrittenWithTextTimesAndExplicitNullsAreRead() {
        String stored = "[{\"type\":\"INSTANCE_STARTED\",\"at\":\"2026-11-22T10:15:30.5Z\",\"owner\":\"ann\","
                + "\"task\":\"" + TASK + "\",\"instance\":\"" + INSTANCE + "\",\"run\":null,\"step\":null,"
                + "\"payload\":{\"attempt\":1}},"
                + "{\"type\":\"TASK_DELETED\",\"at\":\"2026-11-22T10:15:31Z\",\"owner\":\"ann\",\"task\":\"" + TASK
                + "\",\"payload\":null,\"later\":{\"field\":[1,2]}}]";

        assertThat(EventBatchJson.read(stored)).containsExactly(
                new LifecycleEvent(EventType.INSTANCE_STARTED, Instant.parse("2026-11-22T10:15:30.5Z"), "ann", TASK,
                        INSTANCE, Map.of("attempt", 1)),
                new LifecycleEvent(EventType.TASK_DELETED, Instant.parse("2026-11-22T10:15:31Z"), "ann", TASK, null,
                        Map.of()));
    }
}
