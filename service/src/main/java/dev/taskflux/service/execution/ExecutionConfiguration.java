package dev.taskflux.service.execution;

import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.storage.JsonCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the execution engine's parts and the time sources it runs on. */
@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    /** The service clock, in microseconds: what both databases store, so a value reads back as written. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }

    @Bean
    Scheduler taskfluxScheduler() {
        return Schedulers.parallel();
    }

    @Bean
    Backoff backoff() {
        return new Backoff(RandomGenerator.getDefault());
    }

    @Bean
    ConcurrencyGate concurrencyGate(TaskfluxProperties properties) {
        return new ConcurrencyGate(properties.scheduler().maxConcurrency());
    }

    @Bean
    ExecutionMetrics executionMetrics(MeterRegistry registry, ConcurrencyGate gate) {
        return new ExecutionMetrics(registry, gate::running, gate::waiting);
    }

    @Bean
    LocalRuns localRuns(ConcurrencyGate gate, HandlerRegistry handlers, InstanceJournal journal, Clock clock,
                        Scheduler taskfluxScheduler, Backoff backoff, JsonCodec json, ExecutionMetrics metrics,
                        TaskfluxProperties properties) {
        ResultLimiter results = new ResultLimiter(json, properties.limits().maxResultSize().toBytes());
        return new LocalRuns(gate, handlers, new RunSupport(journal, clock, taskfluxScheduler, backoff, results),
                metrics);
    }
}
