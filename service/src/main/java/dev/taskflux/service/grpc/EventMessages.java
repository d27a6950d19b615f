package dev.taskflux.service.grpc;

import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.v1.Event;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.SequencedEvent;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Lifecycle events as event stream messages, each built once however many streams send it: the
 * hub hands the same event to every subscriber at about the same time, so the recent messages are
 * kept in a small table indexed by sequence.
 */
final class EventMessages {

    private static final int SLOTS = 4096;

    private final AtomicReferenceArray<Event> recent = new AtomicReferenceArray<>(SLOTS);

    /** The message of {@code sequenced}; absent ids are empty strings. */
    Event message(SequencedEvent sequenced) {
        int slot = (int) (sequenced.seq() & (SLOTS - 1));
        Event cached = recent.get(slot);
        if (cached != null && cached.getSeq() == sequenced.seq()) {
            return cached;
        }
        Event built = build(sequenced);
        recent.set(slot, built);
        return built;
    }

    private static Event build(SequencedEvent sequenced) {
        LifecycleEvent e = sequenced.event();
        Event.Builder m = Event.newBuilder().setSeq(sequenced.seq()).setType(e.type().name())
                .setAt(ProtoValues.timestamp(e.at())).setOwner(text(e.owner())).setTaskId(text(e.taskId()))
                .setInstanceId(text(e.instanceId())).setRunId(text(e.runId())).setStepId(text(e.stepId()));
        if (!e.payload().isEmpty()) {
            m.setPayload(ProtoValues.struct(e.payload()));
        }
        return m.build();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
