package dev.taskflux.bench;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Backlog drain: N one-shot definitions, all due, are stored while the dispatcher is off; then the
 * service restarts with the dispatcher on and the benchmark times how fast the engine fires, runs
 * and records all of them.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Time how fast a backlog of due one-shot noop tasks is executed.")
class DrainCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration DUE_AGO = Duration.ofSeconds(5);

    @Mixin
    PostgresOptions postgres;

    @Mixin
    ServiceOptions service;

    @Option(names = "--tasks", defaultValue = "50000", description = "task definitions (default: ${DEFAULT-VALUE})")
    int tasks;

    @Option(names = "--warm-up-tasks", defaultValue = "0",
            description = "first drain this many tasks the same way on another scratch database, in this JVM, so "
                    + "the measured drain runs compiled code, as a long-running service does (default: ${DEFAULT-VALUE})")
    int warmUpTasks;

    @Option(names = "--warm-up-rounds", defaultValue = "1",
            description = "how many warm-up drains, each on a scratch database of its own; the JIT compiler keeps "
                    + "compiling through the first few, so one is not enough for steady-state figures "
                    + "(default: ${DEFAULT-VALUE})")
    int warmUpRounds;

    @Option(names = "--create-concurrency", defaultValue = "64",
            description = "creations in flight in phase 1 (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--timeout", defaultValue = "PT10M",
            description = "give up on each phase after this long (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--progress", defaultValue = "PT1S",
            description = "print instances by state this often while draining, PT0S for never "
                    + "(default: ${DEFAULT-VALUE})")
    Duration progress;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        for (int round = 0; warmUpTasks > 0 && round < warmUpRounds; round++) {
            warmUp();
        }
        try (Workspace workspace = Workspace.open(postgres, out)) {
            Duration creation = createBacklog(workspace.database(), tasks);
            DrainOutcome outcome = drain(workspace.database(), workspace.ledger(), tasks);
            Report report = outcome.report(name(), tasks, creation).add("warm_up_tasks",
                    "tasks drained before, in this JVM, per warm-up round", warmUpTasks, "")
                    .add("warm_up_rounds", "warm-up rounds", warmUpTasks > 0 ? warmUpRounds : 0, "");
            report.note(workspace.maintenance()).note(Machine.describe()).print(out);
            return outcome.verified(tasks) ? 0 : 1;
        }
    }

    private void warmUp() throws Exception {
        out.printf("Warm-up: the same drain of %d tasks on another database first%n", warmUpTasks);
        try (Workspace workspace = Workspace.open(postgres, out)) {
            createBacklog(workspace.database(), warmUpTasks);
            DrainOutcome outcome = drain(workspace.database(), workspace.ledger(), warmUpTasks);
            out.printf("Warm-up: %d of %d completed, %.1f executions/s (drain); not part of the figures%n",
                    outcome.completed(), warmUpTasks, outcome.executionsPerSecond());
        }
    }

    private Duration createBacklog(ScratchDatabase db, int tasks) {
        out.printf("Phase 1: creating %d due one-shot %s tasks, dispatcher off, %d in flight%n", tasks, handler(),
                concurrency);
        try (EmbeddedService api = EmbeddedService.start(db, false, engineProperties())) {
            Trigger due = Trigger.at(WallClock.CLOCK.instant().minus(DUE_AGO));
            Duration took = TaskCreation.create(api.tasks(), tasks,
                    i -> TaskSpec.builder("drain-" + i, handler(), due).build(), concurrency, timeout);
            out.printf("Phase 1: created %d tasks in %.1f s%n", tasks, took.toMillis() / 1000.0);
            return took;
        }
    }

    private DrainOutcome drain(ScratchDatabase db, Ledger ledger, int tasks) throws Exception {
        out.println("Phase 2: restarting with the dispatcher on; progress since context start:");
        ResidentMemory memory = new ResidentMemory();
        try (EmbeddedService engine = EmbeddedService.start(db, true, engineProperties());
             AutoCloseable executors = executors(engine)) {
            long rssReady = memory.sample();
            CpuTime cpuReady = CpuTime.now(ledger);
            Watch watch = new Watch(ledger, memory, POLL, progress, out);
            Instant origin = engine.launchedAt();
            // The database is asked only once the engine's own counter says every run has ended: a count
            // over the instance table at every poll took a sixth of a core from the drain it measured.
            boolean done = watch.until(() -> engine.finishedRuns() >= tasks && ledger.completed() >= tasks,
                    origin.plus(timeout), origin);
            Instant doneAt = WallClock.CLOCK.instant();
            CpuTime cpuDone = CpuTime.now(ledger);
            watch.progress(origin, doneAt);
            return new DrainOutcome(engine.launchedAt(), engine.readyAt(), done ? doneAt : null, ledger.completed(),
                    ledger.drainWindow(), rssReady, memory.peakKib(), memory.sample(), cpuDone.jvmSince(cpuReady),
                    cpuDone.databaseSince(cpuReady), engine.alarms());
        }
    }

    /** The benchmark's name in the RESULT line. */
    String name() {
        return "drain";
    }

    /** The handler every task runs. */
    String handler() {
        return "noop";
    }

    /** The service's properties in both phases. */
    Map<String, String> engineProperties() {
        return service.properties;
    }

    /** Whatever runs the tasks besides the engine, started once the engine is; closed after the drain. */
    AutoCloseable executors(EmbeddedService engine) {
        return () -> { };
    }
}
