package dev.taskflux.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.proto.v1.Event;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.SequencedEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event messages: every field carried, each event built once for all streams, never a stale one. */
class EventMessagesTest {

    private final EventMessages messages = new EventMessages();
    private final UUID task = UUID.randomUUID();

    @Test
    void carriesEveryFieldWithAbsentIdsAsEmptyText() {
        Event m = messages.message(event(7));

        assertThat(m.getSeq()).isEqualTo(7);
        assertThat(m.getType()).isEqualTo("INSTANCE_STARTED");
        assertThat(m.getAt().getSeconds()).isEqualTo(1_700_000_000L);
        assertThat(m.getOwner()).isEqualTo("ops");
        assertThat(m.getTaskId()).isEqualTo(task.toString());
        assertThat(m.getInstanceId()).isEmpty();
        assertThat(m.getRunId()).isEmpty();
        assertThat(m.getPayload().getFieldsMap().get("attempt").getNumberValue()).isEqualTo(2.0);
    }

    @Test
    void theSameEventIsBuiltOnceAndAnotherInTheSameSlotIsNotMistakenForIt() {
        Event first = messages.message(event(7));

        assertThat(messages.message(event(7))).isSameAs(first);
        Event sameSlot = messages.message(event(7 + 4096));
        assertThat(sameSlot.getSeq()).isEqualTo(7 + 4096);
        assertThat(messages.message(event(7))).isNotSameAs(first).isEqualTo(first);
    }

    private SequencedEvent event(long seq) {
        return new SequencedEvent(seq, new LifecycleEvent(EventType.INSTANCE_STARTED,
                Instant.ofEpochSecond(1_700_000_000L), "ops", task, null, Map.of("attempt", 2)));
    }
}
