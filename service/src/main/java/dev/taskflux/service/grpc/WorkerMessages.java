package dev.taskflux.service.grpc;

import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.v1.Assignment;
import dev.taskflux.proto.v1.ServiceMessage;
import dev.taskflux.proto.v1.Stop;
import dev.taskflux.proto.v1.WorkerMessage;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.worker.AttemptKey;
import dev.taskflux.service.worker.WorkerCommand;
import dev.taskflux.service.worker.WorkerPool;
import dev.taskflux.service.worker.WorkerSession;
import java.util.UUID;

/** Worker stream messages and the worker pool's commands and calls, both ways. */
final class WorkerMessages {

    private WorkerMessages() {
    }

    /** The message for a command. */
    static ServiceMessage message(WorkerCommand command) {
        if (command instanceof WorkerCommand.Assign assign) {
            HandlerContext c = assign.context();
            Assignment.Builder a = Assignment.newBuilder().setInstanceId(c.instanceId().toString())
                    .setAttempt(c.attempt()).setTaskId(c.definitionId().toString()).setHandler(c.handler())
                    .setParams(ProtoValues.struct(c.params())).setOwner(c.owner() == null ? "" : c.owner());
            if (c.fireAt() != null) {
                a.setFireAt(ProtoValues.timestamp(c.fireAt()));
            }
            return ServiceMessage.newBuilder().setAssignment(a).build();
        }
        WorkerCommand.Stop stop = (WorkerCommand.Stop) command;
        return ServiceMessage.newBuilder().setStop(Stop.newBuilder()
                .setInstanceId(stop.attempt().instanceId().toString()).setAttempt(stop.attempt().attempt())
                .setReason(stop.reason())).build();
    }

    /** Applies what a worker sent to the pool; heartbeats only prove it is alive. */
    static void apply(WorkerPool pool, WorkerSession session, WorkerMessage message) {
        switch (message.getKindCase()) {
            case RESULT -> pool.completed(session, key(message.getResult().getInstanceId(),
                    message.getResult().getAttempt()), message.getResult().hasResult()
                    ? ProtoValues.java(message.getResult().getResult()) : null);
            case FAILURE -> pool.failed(session, key(message.getFailure().getInstanceId(),
                    message.getFailure().getAttempt()), message.getFailure().getMessage(),
                    message.getFailure().getRetryable());
            case PROGRESS -> pool.progress(session, key(message.getProgress().getInstanceId(),
                    message.getProgress().getAttempt()), message.getProgress().hasFraction()
                    ? message.getProgress().getFraction() : null, message.getProgress().getMessage());
            case RELEASE -> pool.released(session, key(message.getRelease().getInstanceId(),
                    message.getRelease().getAttempt()));
            case DRAIN -> pool.drain(session);
            default -> {
            }
        }
    }

    private static AttemptKey key(String instanceId, int attempt) {
        try {
            return new AttemptKey(UUID.fromString(instanceId), attempt);
        } catch (IllegalArgumentException malformed) {
            return new AttemptKey(new UUID(0, 0), attempt);
        }
    }
}
