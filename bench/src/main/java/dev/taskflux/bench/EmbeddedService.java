package dev.taskflux.bench;

import dev.taskflux.service.TaskfluxApplication;
import dev.taskflux.service.event.EventHub;
import dev.taskflux.service.task.TaskService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * The real Taskflux application running in this JVM on a scratch database, on a random port and
 * with quiet logs. Properties are passed as command-line arguments so they win over the service's
 * {@code application.yml}.
 */
final class EmbeddedService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final LogAlarms alarms;
    private final GrpcPort grpc;
    private final Instant launchedAt;
    private final Instant readyAt;

    private EmbeddedService(ConfigurableApplicationContext context, LogAlarms alarms, GrpcPort grpc,
                            Instant launchedAt, Instant readyAt) {
        this.context = context;
        this.alarms = alarms;
        this.grpc = grpc;
        this.launchedAt = launchedAt;
        this.readyAt = readyAt;
    }

    /**
     * Starts the service on {@code database}, with its dispatcher on or off; {@code overrides} are
     * applied last. Returns once the context is refreshed, so the dispatcher is already running.
     */
    static EmbeddedService start(ScratchDatabase database, boolean scheduler, Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", database.server().r2dbcUrl(database.name()));
        properties.put("spring.r2dbc.username", database.server().user);
        if (!database.server().password.isEmpty()) {
            properties.put("spring.r2dbc.password", database.server().password);
        }
        properties.put("server.port", "0");
        properties.put("taskflux.grpc.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("taskflux.scheduler.enabled", String.valueOf(scheduler));
        properties.putAll(overrides);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        LogAlarms alarms = new LogAlarms();
        GrpcPort grpc = new GrpcPort();
        Instant launched = WallClock.CLOCK.instant();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TaskfluxApplication.class)
                .logStartupInfo(false).listeners(alarms, grpc).run(args);
        return new EmbeddedService(context, alarms, grpc, launched, WallClock.CLOCK.instant());
    }

    /** The port the service's gRPC server listens on. */
    int grpcPort() {
        return grpc.port;
    }

    /** Remembers the gRPC port when the server starts. */
    private static final class GrpcPort implements ApplicationListener<GrpcServerStartedEvent> {
        private volatile int port = -1;

        @Override
        public void onApplicationEvent(GrpcServerStartedEvent event) {
            if (event.getPort() > 0) {
                port = event.getPort();
            }
        }
    }

    /** The port the service's HTTP server listens on. */
    int httpPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** Event stream subscriptions open now, over SSE and gRPC. */
    int eventSubscribers() {
        return context.getBean(EventHub.class).subscribers();
    }

    /**
     * Runs this node has finished, whatever their outcome, from the service's own
     * {@code taskflux.executions} counter: free to read, unlike a count over the instance table,
     * which on a large table costs the database more than a poll interval's worth of the work it
     * measures. Counts runs as they end, before the journal has written them.
     */
    long finishedRuns() {
        return (long) context.getBean(MeterRegistry.class).find("taskflux.executions").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** The service's own task API. */
    TaskService tasks() {
        return context.getBean(TaskService.class);
    }

    /** The service's bean of {@code type}, such as its workflow facades. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Warnings and errors the service has logged so far. */
    LogAlarms alarms() {
        return alarms;
    }

    /** When {@link #start} began building the context. */
    Instant launchedAt() {
        return launchedAt;
    }

    /** When the context was refreshed and running. */
    Instant readyAt() {
        return readyAt;
    }

    @Override
    public void close() {
        context.close();
        alarms.detach();
    }
}
