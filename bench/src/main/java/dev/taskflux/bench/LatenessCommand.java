package dev.taskflux.bench;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fire lateness under a steady load: many interval tasks run for a while, then the benchmark reads
 * {@code started_at - fire_at} of every instance from the database.
 */
@Command(name = "lateness", mixinStandardHelpOptions = true,
        description = "Measure how late interval noop tasks start (started_at - fire_at).")
final class LatenessCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(250);
    /** Fires this close to the end may not have started yet for reasons other than lateness. */
    private static final Duration TAIL = Duration.ofSeconds(5);
    private static final Duration CREATION_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SLICE = Duration.ofSeconds(5);

    @Mixin
    PostgresOptions postgres;

    @Mixin
    ServiceOptions service;

    @Option(names = "--tasks", defaultValue = "1000", description = "interval tasks (default: ${DEFAULT-VALUE})")
    int tasks;

    @Option(names = "--every", defaultValue = "PT1S", description = "their interval (default: ${DEFAULT-VALUE})")
    Duration every;

    @Option(names = "--duration", defaultValue = "PT60S",
            description = "how long to let them run once created (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warm-up", defaultValue = "PT5S",
            description = "fires this soon after the first one are left out (default: ${DEFAULT-VALUE})")
    Duration warmUp;

    @Option(names = "--settle", defaultValue = "PT2M",
            description = "after the run, wait at most this long for the engine to write the starts of the "
                    + "measured fires (default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--create-concurrency", defaultValue = "64",
            description = "creations in flight (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--progress", defaultValue = "PT5S",
            description = "print instances by state this often, PT0S for never (default: ${DEFAULT-VALUE})")
    Duration progress;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        try (Workspace workspace = Workspace.open(postgres, out)) {
            LatenessOutcome outcome = run(workspace.database(), workspace.ledger());
            outcome.report(tasks, every, warmUp, TAIL).note(workspace.maintenance()).note(Machine.describe())
                    .print(out);
            return outcome.alarms().errors() == 0 ? 0 : 1;
        }
    }

    private LatenessOutcome run(ScratchDatabase db, Ledger ledger) throws Exception {
        ResidentMemory memory = new ResidentMemory();
        try (EmbeddedService engine = EmbeddedService.start(db, true, service.properties)) {
            long rssReady = memory.sample();
            Duration creation = createTasks(engine);
            Instant origin = WallClock.CLOCK.instant();
            Watch watch = new Watch(ledger, memory, POLL, progress, out);
            watch.until(() -> false, origin.plus(duration), origin);
            Instant end = WallClock.CLOCK.instant();
            Instant first = ledger.firstFire();
            Instant from = (first == null ? end : first).plus(warmUp);
            Instant to = end.minus(TAIL);
            out.printf("Waiting up to %s for the engine to record the starts of fires in the window%n", settle);
            watch.until(() -> ledger.unstarted(from, to) == 0, end.plus(settle), origin);
            Duration settled = Duration.between(end, WallClock.CLOCK.instant());
            printSlices(ledger.latenessBySlice(from, to, SLICE));
            return new LatenessOutcome(creation, Duration.between(from, to), settled,
                    Percentiles.ofSorted(ledger.latenessMillis(from, to)),
                    Percentiles.ofSorted(ledger.recordedMillis(from, to)), ledger.unstarted(from, to),
                    rssReady, memory.peakKib(), memory.sample(), engine.alarms());
        }
    }

    private Duration createTasks(EmbeddedService engine) {
        Trigger trigger = Trigger.every(every);
        Duration creation = TaskCreation.create(engine.tasks(), tasks,
                i -> TaskSpec.builder("lateness-" + i, "noop", trigger).build(), concurrency, CREATION_TIMEOUT);
        out.printf("Created %d tasks every %s in %.1f s; running for %s:%n", tasks, every,
                creation.toMillis() / 1000.0, duration);
        return creation;
    }

    private void printSlices(List<Ledger.Slice> slices) {
        out.println("Lateness by fire time, ms (from the start of the measured window):");
        for (Ledger.Slice s : slices) {
            out.printf(Locale.ROOT, "  %+5ds  n=%-6d p50=%8.1f  p99=%8.1f  max=%8.1f%n", s.offset().toSeconds(),
                    s.count(), s.p50(), s.p99(), s.max());
        }
    }
}
