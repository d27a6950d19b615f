package dev.taskflux.bench;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.WorkflowDefinition;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.api.workflow.WorkflowSpec;
import dev.taskflux.service.workflow.definition.WorkflowDefinitions;
import dev.taskflux.service.workflow.run.WorkflowRuns;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The shape every workflow benchmark shares: start the service on a scratch database, store one
 * definition, run it a few times one after the other (the first runs only warm the JVM up), read
 * the figures of each measured run from the run itself, and report their median, minimum and
 * maximum.
 */
abstract class WorkflowBenchmark implements Callable<Integer> {

    private static final String OWNER = "bench";

    @Mixin
    PostgresOptions postgres;

    @Mixin
    ServiceOptions service;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warm-up", defaultValue = "1",
            description = "runs before the measured ones, left out of the figures (default: ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--timeout", defaultValue = "PT10M",
            description = "longest one run may take (default: ${DEFAULT-VALUE})")
    Duration timeout;

    final PrintStream out = System.out;

    /** The benchmark's name in the report. */
    abstract String name();

    /** The workflow every run runs. */
    abstract WorkflowSpec spec();

    /** The inputs every run starts with. */
    Map<String, Object> inputs() {
        return Map.of();
    }

    /** Called once the service is up and before the definition is stored, e.g. to register handlers. */
    void prepare(EmbeddedService engine) {
    }

    /** Called before each run starts. */
    void beforeRun() {
    }

    /** The figures of one finished run, by key, in the order they are reported. */
    abstract List<Figure> measure(WorkflowRun run);

    /** Lines printed under the table, such as what the figures mean. */
    List<String> notes() {
        return List.of();
    }

    @Override
    public Integer call() throws Exception {
        try (Workspace workspace = Workspace.open(postgres, out);
             EmbeddedService engine = EmbeddedService.start(workspace.database(), true, service.properties)) {
            prepare(engine);
            WorkflowDefinition definition = engine.bean(WorkflowDefinitions.class).create(OWNER, spec())
                    .block(timeout);
            WorkflowRuns workflowRuns = engine.bean(WorkflowRuns.class);
            Map<String, List<Figure>> figures = new LinkedHashMap<>();
            for (int i = 0; i < warmUp + runs; i++) {
                WorkflowRun run = runOnce(workflowRuns, definition);
                List<Figure> measured = measure(run);
                boolean counted = i >= warmUp;
                out.println((counted ? "run " + (i - warmUp + 1) : "warm-up " + (i + 1)) + ": "
                        + measured.stream().map(Figure::describe).collect(Collectors.joining(", ")));
                if (counted) {
                    measured.forEach(f -> figures.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f));
                }
            }
            report(figures).note(workspace.maintenance()).note(Machine.describe()).print(out);
            return engine.alarms().errors() == 0 ? 0 : 1;
        }
    }

    private WorkflowRun runOnce(WorkflowRuns workflowRuns, WorkflowDefinition definition) {
        beforeRun();
        WorkflowRun started = workflowRuns.start(definition, inputs(), null).block(timeout);
        WorkflowRun run = workflowRuns.awaitEnd(started.id()).block(timeout);
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("run " + run.id() + " ended " + run.status() + ": " + run.error());
        }
        return workflowRuns.get(run.id()).block(timeout);
    }

    private Report report(Map<String, List<Figure>> figures) {
        Report report = new Report(name()).add("runs", "measured runs (after " + warmUp + " warm-up)", runs, "");
        figures.forEach((key, all) -> {
            double[] values = all.stream().mapToDouble(Figure::value).sorted().toArray();
            Figure first = all.get(0);
            report.add(key, first.label() + ", median", values[values.length / 2], first.unit());
            report.add(key + "_min", first.label() + ", min", values[0], first.unit());
            report.add(key + "_max", first.label() + ", max", values[values.length - 1], first.unit());
        });
        notes().forEach(report::note);
        return report;
    }

    /** Milliseconds between two readings of the engine's clock. */
    static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** One figure of one run. */
    record Figure(String key, String label, double value, String unit) {

        String describe() {
            return String.format(Locale.ROOT, "%s %.3f %s", label, value, unit);
        }
    }
}
