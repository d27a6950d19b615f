package dev.taskflux.service.task;

import dev.taskflux.api.TaskDefinition;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.trigger.FireSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The next fires across all active definitions, in time order. */
@Component
public class UpcomingFires {

    /** Most fires one call returns. */
    public static final int MAX_COUNT = 1000;

    private final TaskStore store;

    UpcomingFires(TaskStore store) {
        this.store = store;
    }

    /**
     * One upcoming fire.
     *
     * @param taskId the definition
     * @param name   its name
     * @param fireAt when it fires
     */
    public record Fire(UUID taskId, String name, Instant fireAt) {
    }

    /** The next {@code count} fires, of one owner or of all. */
    public Mono<List<Fire>> next(String owner, int count) {
        if (count < 1 || count > MAX_COUNT) {
            return Mono.error(InvalidArgumentException.of("count", "must be between 1 and " + MAX_COUNT));
        }
        return store.nextToFire(owner, count).collectList().map(defs -> merge(defs, count));
    }

    private static List<Fire> merge(List<TaskDefinition> defs, int count) {
        record Cursor(TaskDefinition definition, Instant fireAt, long fired) {
        }
        PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparing(Cursor::fireAt));
        defs.forEach(d -> queue.add(new Cursor(d, d.nextFireAt(), d.runCount())));
        List<Fire> fires = new ArrayList<>();
        while (fires.size() < count && !queue.isEmpty()) {
            Cursor c = queue.poll();
            fires.add(new Fire(c.definition().id(), c.definition().spec().name(), c.fireAt()));
            FireSchedule.nextFire(c.definition().spec(), c.fireAt(), c.fired() + 1)
                    .ifPresent(next -> queue.add(new Cursor(c.definition(), next, c.fired() + 1)));
        }
        return fires;
    }
}
