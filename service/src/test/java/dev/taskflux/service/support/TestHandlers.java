package dev.taskflux.service.support;

import dev.taskflux.service.handler.NonRetryableException;
import dev.taskflux.service.handler.TaskHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Mono;

/**
 * Handlers for engine tests, with probes that record what happened to them:
 * {@code forever} never completes and records when its {@code Mono} is cancelled; {@code flaky}
 * fails its first {@code params.failures} attempts; {@code broken} fails without retry.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestHandlers {

    /** Instances whose {@code forever} handler was subscribed. */
    public static final Set<UUID> STARTED = ConcurrentHashMap.newKeySet();
    /** Instances whose {@code forever} handler was cancelled (its subscription disposed). */
    public static final Set<UUID> CANCELLED = ConcurrentHashMap.newKeySet();
    private static final Map<UUID, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Bean
    TaskHandler forever() {
        return handler("forever", ctx -> Mono.never()
                .doOnSubscribe(s -> STARTED.add(ctx.instanceId()))
                .doOnCancel(() -> CANCELLED.add(ctx.instanceId())));
    }

    @Bean
    TaskHandler flaky() {
        return handler("flaky", ctx -> Mono.defer(() -> {
            int call = CALLS.computeIfAbsent(ctx.instanceId(), id -> new AtomicInteger()).incrementAndGet();
            int failures = ((Number) ctx.params().getOrDefault("failures", 1)).intValue();
            return call <= failures ? Mono.error(new IllegalStateException("failure " + call + " of " + failures))
                    : Mono.just(Map.of("call", call));
        }));
    }

    @Bean
    TaskHandler broken() {
        return handler("broken", ctx -> Mono.error(new NonRetryableException("input is unusable")));
    }

    @Bean
    TaskHandler quick() {
        return handler("quick", ctx -> Mono.delay(Duration.ofMillis(10)).map(t -> Map.of("done", true)));
    }

    private static TaskHandler handler(String name, java.util.function.Function<
            dev.taskflux.service.handler.HandlerContext, Mono<Object>> body) {
        return new TaskHandler() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<Object> handle(dev.taskflux.service.handler.HandlerContext context) {
                return body.apply(context);
            }
        };
    }
}
