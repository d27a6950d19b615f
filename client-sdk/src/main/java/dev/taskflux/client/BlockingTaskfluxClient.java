package dev.taskflux.client;

import dev.taskflux.api.InstanceStatus;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.TaskInstance;
import dev.taskflux.api.TaskSpec;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The operations of {@link TaskfluxClient}, each blocking the calling thread until the answer
 * arrives (bounded by the client's deadline and retries). Errors are thrown as the api error types.
 * For scripts and tests; never call it on an event-loop thread.
 */
public final class BlockingTaskfluxClient {

    private final TaskfluxClient client;

    BlockingTaskfluxClient(TaskfluxClient client) {
        this.client = client;
    }

    /** See {@link TaskfluxClient#create(TaskSpec)}. */
    public TaskDefinition create(TaskSpec spec) {
        return client.create(spec).block();
    }

    /** See {@link TaskfluxClient#get(UUID)}. */
    public TaskDefinition get(UUID id) {
        return client.get(id).block();
    }

    /** See {@link TaskfluxClient#list(TaskFilter)}. */
    public Page<TaskDefinition> list(TaskFilter filter) {
        return client.list(filter).block();
    }

    /** See {@link TaskfluxClient#update(UUID, TaskSpec, String...)}. */
    public TaskDefinition update(UUID id, TaskSpec spec, String... fields) {
        return client.update(id, spec, fields).block();
    }

    /** See {@link TaskfluxClient#pause(UUID)}. */
    public TaskDefinition pause(UUID id) {
        return client.pause(id).block();
    }

    /** See {@link TaskfluxClient#resume(UUID)}. */
    public TaskDefinition resume(UUID id) {
        return client.resume(id).block();
    }

    /** See {@link TaskfluxClient#trigger(UUID)}. */
    public TaskInstance trigger(UUID id) {
        return client.trigger(id).block();
    }

    /** See {@link TaskfluxClient#cancel(UUID)}. */
    public TaskDefinition cancel(UUID id) {
        return client.cancel(id).block();
    }

    /** See {@link TaskfluxClient#delete(UUID)}. */
    public void delete(UUID id) {
        client.delete(id).block();
    }

    /** See {@link TaskfluxClient#instances(UUID, InstanceStatus, int, int)}. */
    public Page<TaskInstance> instances(UUID taskId, InstanceStatus status, int page, int size) {
        return client.instances(taskId, status, page, size).block();
    }

    /** See {@link TaskfluxClient#instance(UUID)}. */
    public TaskInstance instance(UUID id) {
        return client.instance(id).block();
    }

    /** See {@link TaskfluxClient#cancelInstance(UUID)}. */
    public TaskInstance cancelInstance(UUID id) {
        return client.cancelInstance(id).block();
    }

    /** See {@link TaskfluxClient#stats(String)}. */
    public Stats stats(String owner) {
        return client.stats(owner).block();
    }

    /** See {@link TaskfluxClient#upcoming(int, String)}. */
    public List<UpcomingFire> upcoming(int count, String owner) {
        return client.upcoming(count, owner).collectList().block();
    }

    /** See {@link TaskfluxClient#describeCron(String, ZoneId, int)}. */
    public CronDescription describeCron(String expression, ZoneId zone, int count) {
        return client.describeCron(expression, zone, count).block();
    }

    /** See {@link TaskfluxClient#workflows()}. */
    public BlockingTaskfluxWorkflows workflows() {
        return new BlockingTaskfluxWorkflows(client.workflows());
    }

    /**
     * See {@link TaskfluxClient#events(EventFilter, long)}: the events as a stream that blocks while
     * waiting for the next one and never ends by itself; close it to stop watching.
     */
    public Stream<LifecycleEvent> events(EventFilter filter, long after) {
        return client.events(filter, after).toStream();
    }
}
