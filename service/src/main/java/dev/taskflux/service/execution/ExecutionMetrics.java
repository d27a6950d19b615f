package dev.taskflux.service.execution;

import dev.taskflux.api.InstanceStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Execution metrics: {@code taskflux.executions} by outcome, {@code taskflux.fire.lateness}
 * (start minus due), and gauges of running and queued instances.
 */
final class ExecutionMetrics {

    private final Map<InstanceStatus, Counter> outcomes = new EnumMap<>(InstanceStatus.class);
    private final Timer lateness;

    ExecutionMetrics(MeterRegistry registry, Supplier<Number> running, Supplier<Number> queued) {
        for (InstanceStatus status : InstanceStatus.values()) {
            if (status.isFinal()) {
                outcomes.put(status, Counter.builder("taskflux.executions").tag("outcome", status.name())
                        .description("Instances that reached a final state").register(registry));
            }
        }
        lateness = Timer.builder("taskflux.fire.lateness").description("How late instances start after they are due")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
        Gauge.builder("taskflux.instances.running", running).description("Instances running on this node")
                .register(registry);
        Gauge.builder("taskflux.instances.queued", queued).description("Instances waiting for a concurrency slot")
                .register(registry);
    }

    void outcome(InstanceStatus status) {
        Counter counter = outcomes.get(status);
        if (counter != null) {
            counter.increment();
        }
    }

    void lateness(Duration late) {
        lateness.record(late.isNegative() ? Duration.ZERO : late);
    }
}
