package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.execution.Backoff;
import dev.taskflux.service.handler.HandlerContext;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.handler.TaskHandler;
import dev.taskflux.service.support.VirtualClock;
import dev.taskflux.service.workflow.definition.DefinitionLookup;
import dev.taskflux.service.workflow.expression.ParameterTemplates;
import dev.taskflux.service.workflow.expression.WorkflowExpressions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A workflow engine on virtual time over an in-memory store, with handlers tests add by name and
 * the events it records. {@link #restart()} builds a new engine on the same store, as a node
 * starting again.
 */
final class EngineFixture implements AutoCloseable {

    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    final Clock clock = new VirtualClock(time, EPOCH);
    final InMemoryRunStore store = new InMemoryRunStore();
    final HandlerRegistry handlers = new HandlerRegistry(List.of());
    final Map<String, WorkflowDefinition> definitions = new ConcurrentHashMap<>();
    final List<LifecycleEvent> events = store.events;
    private final WorkflowExpressions expressions = new WorkflowExpressions();
    WorkflowEngine engine = newEngine();

    /** Registers a handler called {@code name}. */
    EngineFixture handler(String name, Function<HandlerContext, Mono<Object>> body) {
        handlers.register(new TaskHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<Object> handle(HandlerContext context) {
                return body.apply(context);
            }
        });
        return this;
    }

    /** Stores {@code spec} as version 1 of a definition found by its name. */
    WorkflowDefinition define(WorkflowSpec spec) {
        WorkflowDefinition definition = new WorkflowDefinition(UUID.randomUUID(), 1, "owner", spec, EPOCH);
        definitions.put(spec.name(), definition);
        return definition;
    }

    /** Starts a run of {@code spec} with {@code inputs}; its id. */
    UUID start(WorkflowSpec spec, Map<String, Object> inputs) {
        return engine.start(define(spec), inputs, null).block(Duration.ofSeconds(5)).id();
    }

    UUID start(WorkflowSpec spec) {
        return start(spec, Map.of());
    }

    WorkflowRun run(UUID id) {
        return engine.get(id).block(Duration.ofSeconds(5));
    }

    StepRun step(UUID id, String stepId) {
        return run(id).steps().stream().filter(s -> s.stepId().equals(stepId)).findFirst().orElseThrow();
    }

    void advance(Duration amount) {
        time.advanceTimeBy(amount);
    }

    /** Stops the engine as a node stop would, then starts a new one on the same store and resumes. */
    void restart() {
        engine.stopAll();
        store.expireLeases();
        engine = newEngine();
        store.claimOrphans(100).flatMapIterable(ids -> ids).concatMap(engine::resumeHere).blockLast();
    }

    private WorkflowEngine newEngine() {
        RunJournal journal = new RunJournal(store, 100, Duration.ZERO, time);
        EngineSupport support = new EngineSupport(clock, time, handlers, expressions,
                new ParameterTemplates(expressions), new HandlerAttempts(clock, time, new Backoff(RandomGenerator.of("L64X128MixRandom"))),
                journal, new WorkflowProperties(4, Duration.ofMillis(500), 100, Duration.ZERO, 10));
        return new WorkflowEngine(store, support, new DefinitionLookup() {
            @Override
            public Mono<WorkflowDefinition> version(UUID id, int version) {
                return Mono.justOrEmpty(definitions.values().stream().filter(d -> d.id().equals(id)).findFirst());
            }

            @Override
            public Mono<WorkflowDefinition> latest(String owner, String reference) {
                return Mono.justOrEmpty(definitions.get(reference));
            }
        });
    }

    @Override
    public void close() {
        engine.stopAll();
        time.dispose();
    }
}
