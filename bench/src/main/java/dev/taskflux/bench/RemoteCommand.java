package dev.taskflux.bench;

import dev.taskflux.client.TaskfluxClient;
import dev.taskflux.client.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;

/**
 * Remote dispatch: the drain benchmark with the work done by SDK workers in this JVM, connected to
 * the service over gRPC on the loopback interface; each task's handler is a remote no-op.
 */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Time how fast a backlog of due one-shot tasks is executed by remote SDK workers.")
final class RemoteCommand extends DrainCommand {

    private static final String HANDLER = "bench_remote_noop";

    @Option(names = "--workers", defaultValue = "4", description = "SDK workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--capacity", defaultValue = "256",
            description = "attempts each worker runs at once (default: ${DEFAULT-VALUE})")
    int capacity;

    @Override
    String name() {
        return "remote";
    }

    @Override
    String handler() {
        return HANDLER;
    }

    @Override
    Map<String, String> engineProperties() {
        Map<String, String> properties = new LinkedHashMap<>(super.engineProperties());
        properties.put("taskflux.workers.handlers", HANDLER);
        return properties;
    }

    @Override
    AutoCloseable executors(EmbeddedService engine) {
        TaskfluxClient client = TaskfluxClient.builder().target("localhost:" + engine.grpcPort()).build();
        List<Worker> started = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            started.add(client.worker("bench-" + i).capacity(capacity)
                    .handle(HANDLER, ctx -> Mono.just(Map.of("ok", true))).start());
        }
        System.out.printf("Phase 2: %d SDK workers of capacity %d connected over gRPC to port %d%n", workers,
                capacity, engine.grpcPort());
        return () -> {
            started.forEach(w -> w.stop(Duration.ofSeconds(5)).block());
            client.close();
        };
    }
}
