package dev.taskflux.service.grpc;

import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.v1.Event;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.event.PerEvent;
import dev.taskflux.service.event.SequencedEvent;

/** Lifecycle events as event stream messages, each built once however many streams send it. */
final class EventMessages {

    private final PerEvent<Event> messages = new PerEvent<>(EventMessages::build);

    /** The message of {@code sequenced}; absent ids are empty strings. */
    Event message(SequencedEvent sequenced) {
        return messages.of(sequenced);
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
