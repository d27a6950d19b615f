package dev.taskflux.service.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One connected worker: the handlers it serves, how many attempts it runs at once, the attempts it
 * runs now and the commands waiting to be sent to it. Its mutable state is guarded by the
 * {@link WorkerPool} that owns it.
 */
public final class WorkerSession {

    private final String id = UUID.randomUUID().toString();
    private final String workerId;
    private final List<String> handlers;
    private final int capacity;
    private final Sinks.Many<WorkerCommand> commands = Sinks.many().unicast().onBackpressureBuffer();
    final Map<AttemptKey, RemoteCall> running = new HashMap<>();
    boolean draining;
    boolean closed;

    WorkerSession(String workerId, List<String> handlers, int capacity) {
        this.workerId = workerId;
        this.handlers = List.copyOf(Set.copyOf(handlers));
        this.capacity = capacity;
    }

    /** This connection's id, unique per connection. */
    public String id() {
        return id;
    }

    /** The id the worker gave itself. */
    public String workerId() {
        return workerId;
    }

    /** The handler names it serves. */
    public List<String> handlers() {
        return handlers;
    }

    /** Commands for the worker, in order; completes when the session ends. Subscribe once. */
    public Flux<WorkerCommand> commands() {
        return commands.asFlux();
    }

    int free() {
        return draining || closed ? 0 : capacity - running.size();
    }

    boolean serves(String handler) {
        return handlers.contains(handler);
    }

    void send(WorkerCommand command) {
        synchronized (commands) {
            commands.tryEmitNext(command);
        }
    }

    void end() {
        synchronized (commands) {
            commands.tryEmitComplete();
        }
    }

    @Override
    public String toString() {
        return "worker " + workerId + " (session " + id + ")";
    }
}
