package dev.taskflux.bench;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.client.EventFilter;
import dev.taskflux.client.TaskfluxClient;
import dev.taskflux.service.task.TaskService;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * Event fan-out: SSE subscribers (WebClient) and gRPC subscribers (the SDK) watch the event stream
 * while interval {@code noop} tasks run at a steady rate; each delivery's
 * latency is measured from the event's {@code at} to its arrival, in this JVM.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Measure event delivery to many SSE and gRPC subscribers while tasks complete at a steady rate.")
final class FanoutCommand implements Callable<Integer> {

    private static final Duration TAIL = Duration.ofSeconds(2);
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Mixin
    PostgresOptions postgres;

    @Mixin
    ServiceOptions service;

    @Option(names = "--sse", defaultValue = "100", description = "SSE subscribers (default: ${DEFAULT-VALUE})")
    int sseSubscribers;

    @Option(names = "--grpc", defaultValue = "100", description = "gRPC SDK subscribers (default: ${DEFAULT-VALUE})")
    int grpcSubscribers;

    @Option(names = "--rate", defaultValue = "5000",
            description = "task runs per second: --tasks interval tasks each firing every tasks/rate seconds "
                    + "(default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--tasks", defaultValue = "250",
            description = "interval tasks that make the load (default: ${DEFAULT-VALUE})")
    int taskCount;

    @Option(names = "--types", defaultValue = "INSTANCE_COMPLETED",
            description = "event types every subscriber watches, comma-separated; 'all' for every type "
                    + "(default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--owners", defaultValue = "1",
            description = "owners the tasks are spread over (task i belongs to owner i mod N); subscriber j watches "
                    + "owner j mod N. 1: every subscriber watches every task (default: ${DEFAULT-VALUE})")
    int owners;

    @Option(names = "--duration", defaultValue = "PT30S", description = "measured window (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warm-up", defaultValue = "PT5S",
            description = "load before the measured window (default: ${DEFAULT-VALUE})")
    Duration warmUp;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        try (Workspace workspace = Workspace.open(postgres, out);
             EmbeddedService engine = EmbeddedService.start(workspace.database(), true, service.properties)) {
            Deliveries sse = new Deliveries();
            Deliveries grpc = new Deliveries();
            List<Disposable> running = new ArrayList<>();
            ConnectionProvider connections = ConnectionProvider.builder("fanout").maxConnections(sseSubscribers + 8)
                    .pendingAcquireMaxCount(-1).build();
            WebClient web = WebClient.builder().baseUrl("http://localhost:" + engine.httpPort() + "/api/v1")
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
            try (TaskfluxClient client = TaskfluxClient.builder().target("localhost:" + engine.grpcPort()).build()) {
                for (int i = 0; i < sseSubscribers; i++) {
                    running.add(sse(web, sse, owner(i)));
                }
                for (int i = 0; i < grpcSubscribers; i++) {
                    running.add(client.events(filter(owner(sseSubscribers + i)))
                            .subscribe(e -> grpc.delivered(e.at())));
                }
                awaitSubscribers(engine, sseSubscribers + grpcSubscribers);
                out.printf("%d SSE and %d gRPC subscribers watching %s%n", sseSubscribers, grpcSubscribers, types);
                createLoad(engine.tasks());
                Thread.sleep(warmUp.toMillis());
                long completedBefore = workspace.ledger().completed();
                sse.start();
                grpc.start();
                Thread.sleep(duration.toMillis());
                sse.stop();
                grpc.stop();
                long completedInWindow = workspace.ledger().completed() - completedBefore;
                Thread.sleep(TAIL.toMillis());
                running.forEach(Disposable::dispose);
                report(sse, grpc, completedInWindow, engine).note(workspace.maintenance())
                        .note(Machine.describe()).print(out);
                return engine.alarms().errors() == 0 ? 0 : 1;
            } finally {
                running.forEach(Disposable::dispose);
                connections.dispose();
            }
        }
    }

    private Disposable sse(WebClient web, Deliveries deliveries, String owner) {
        AtomicLong last = new AtomicLong(-1);
        String typeQuery = (all() ? "" : "type=" + types) + (owner == null ? "" : "&owner=" + owner);
        // The first connection starts with new events; after a cut-off it resumes after the last one.
        return Flux.defer(() -> web.get().uri(last.get() < 0 ? "/events?" + typeQuery
                                : "/events?after=" + last.get() + "&" + typeQuery)
                        .accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(SSE))
                .doOnNext(e -> {
                    if ("overflow".equals(e.event())) {
                        deliveries.cutOff();
                    } else if (e.id() != null) {
                        last.set(Long.parseLong(e.id()));
                        deliveries.delivered(at(e.data()));
                    }
                })
                .repeat()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2)))
                .subscribe();
    }

    /** Creates the interval tasks whose fires make the load; they start firing at once. */
    private Duration createLoad(TaskService tasks) {
        Duration every = every();
        Duration took = TaskCreation.create(tasks, taskCount,
                i -> TaskSpec.builder("fanout-" + i, "noop", Trigger.every(every)).owner(owner(i)).build(), 64,
                Duration.ofMinutes(10));
        out.printf("Created %d noop tasks every %d ms (%d fires/s) in %.1f s%n", taskCount, every.toMillis(),
                taskCount * 1000 / every.toMillis(), took.toMillis() / 1000.0);
        return every;
    }

    private Duration every() {
        return Duration.ofMillis(Math.max(10, taskCount * 1000L / rate));
    }

    private Report report(Deliveries sse, Deliveries grpc, long completedInWindow, EmbeddedService engine) {
        double seconds = duration.toMillis() / 1000.0;
        Report report = new Report("fanout")
                .add("subscribers_sse", "SSE subscribers", sseSubscribers, "")
                .add("subscribers_grpc", "gRPC subscribers", grpcSubscribers, "")
                .add("runs_per_s", "task runs completed (target " + rate + "/s)", completedInWindow / seconds, "/s");
        add(report, "sse", "SSE", sse);
        add(report, "grpc", "gRPC", grpc);
        return report.note("types watched: " + types + (owners <= 1 ? ", every task's" : ", each subscriber one of "
                        + owners + " owners'") + "; load: " + taskCount + " noop tasks every "
                        + every().toMillis() + " ms; window " + duration + " after " + warmUp + " of load")
                .note("latency: event 'at' (service clock) to arrival at the subscriber, both in this JVM")
                .note("event subscriptions open at the end: " + engine.eventSubscribers());
    }

    private static void add(Report report, String key, String label, Deliveries d) {
        Percentiles p = d.percentiles();
        report.add(key + "_events_per_s", label + " events delivered", d.perSecond(), "/s")
                .add(key + "_p50_ms", label + " latency p50", p.p50(), "ms")
                .add(key + "_p99_ms", label + " latency p99", p.p99(), "ms")
                .add(key + "_max_ms", label + " latency max", p.max(), "ms")
                .add(key + "_cut_offs", label + " subscribers cut off (resumed)", d.cutOffs(), "");
    }

    private void awaitSubscribers(EmbeddedService engine, int count) throws InterruptedException {
        Instant deadline = WallClock.CLOCK.instant().plusSeconds(60);
        while (engine.eventSubscribers() < count) {
            if (WallClock.CLOCK.instant().isAfter(deadline)) {
                throw new IllegalStateException("only " + engine.eventSubscribers() + " of " + count
                        + " subscribers connected within 60 s");
            }
            Thread.sleep(50);
        }
    }

    private EventFilter filter(String owner) {
        EventFilter filter = all() ? EventFilter.all() : EventFilter.all().types(types.split(","));
        return owner == null ? filter : filter.owner(owner);
    }

    /** The owner of task (or the owner subscriber) {@code i} watches; null when there is one owner for all. */
    private String owner(int i) {
        return owners <= 1 ? null : "fanout-" + (i % owners);
    }

    private boolean all() {
        return types.isBlank() || "all".equalsIgnoreCase(types);
    }

    /** The {@code at} of an event's JSON, found without parsing the rest. */
    private static Instant at(String json) {
        int start = json.indexOf("\"at\":\"") + 6;
        return Instant.parse(json.substring(start, json.indexOf('"', start)));
    }
}
