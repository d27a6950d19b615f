package dev.taskflux.service.handler;

import dev.taskflux.api.error.InvalidArgumentException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Component;

/**
 * The task handlers Taskflux can run, by name: every {@link TaskHandler} bean found at start-up,
 * plus handlers registered at runtime (such as remote workers). Safe for concurrent use.
 */
@Component
public class HandlerRegistry {

    private final ConcurrentNavigableMap<String, TaskHandler> handlers = new ConcurrentSkipListMap<>();

    /**
     * A registry of {@code handlers}.
     *
     * @throws IllegalStateException if two handlers share a name, naming both
     */
    public HandlerRegistry(List<TaskHandler> handlers) {
        handlers.forEach(this::register);
    }

    /**
     * Adds {@code handler} under its {@link TaskHandler#name()}.
     *
     * @throws IllegalArgumentException if the name is blank
     * @throws IllegalStateException    if a handler of that name is already registered
     */
    public void register(TaskHandler handler) {
        String name = Objects.requireNonNull(handler, "handler").name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("task handler " + describe(handler) + " has a blank name");
        }
        TaskHandler existing = handlers.putIfAbsent(name, handler);
        if (existing != null) {
            throw new IllegalStateException("duplicate task handler name '" + name + "': "
                    + describe(existing) + " and " + describe(handler) + "; handler names must be unique");
        }
    }

    /** Removes the handler called {@code name}, if any, and reports whether one was removed. */
    public boolean unregister(String name) {
        return handlers.remove(name) != null;
    }

    /** The handler called {@code name}. */
    public Optional<TaskHandler> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(handlers.get(name));
    }

    /**
     * Whether this node can run instances of {@code name} now (see {@link TaskHandler#available()}).
     * An unknown name counts as available: its instances fail at once, naming it.
     */
    public boolean available(String name) {
        return find(name).map(TaskHandler::available).orElse(true);
    }

    /** The names of the registered handlers this node cannot run now; a snapshot. */
    public Set<String> unavailable() {
        Set<String> names = new TreeSet<>();
        handlers.forEach((name, handler) -> {
            if (!handler.available()) {
                names.add(name);
            }
        });
        return names;
    }

    /** Whether a handler called {@code name} is registered. */
    public boolean contains(String name) {
        return find(name).isPresent();
    }

    /** The names of the handlers registered now, in order; a snapshot. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(handlers.keySet()));
    }

    /**
     * Checks that {@code handler} is registered and accepts {@code params}.
     *
     * @throws InvalidArgumentException naming {@code handler} if no such handler is registered, or
     *         whatever the handler's {@link TaskHandler#validate} throws
     */
    public void validate(String handler, Map<String, Object> params) {
        TaskHandler found = find(handler).orElseThrow(() -> InvalidArgumentException.of("handler",
                "unknown handler '" + handler + "'; known: " + known()));
        found.validate(params == null ? Map.of() : params);
    }

    private String known() {
        SortedSet<String> names = names();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String describe(TaskHandler handler) {
        return String.valueOf(handler);
    }
}
