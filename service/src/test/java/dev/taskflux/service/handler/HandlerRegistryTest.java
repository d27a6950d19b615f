package dev.taskflux.service.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class HandlerRegistryTest {

    @Test
    void findsHandlersByName() {
        TaskHandler beta = named("beta");
        HandlerRegistry registry = new HandlerRegistry(List.of(named("gamma"), beta, named("alpha")));

        assertThat(registry.find("beta")).containsSame(beta);
        assertThat(registry.find("delta")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThat(registry.contains("alpha")).isTrue();
        assertThat(registry.contains("delta")).isFalse();
        assertThat(registry.names()).containsExactly("alpha", "beta", "gamma");
    }

    @Test
    void rejectsDuplicateNamesAtStartUp() {
        TaskHandler first = named("report");
        TaskHandler second = named("report");

        assertThatIllegalStateException()
                .isThrownBy(() -> new HandlerRegistry(List.of(named("other"), first, second)))
                .withMessageContaining("duplicate task handler name 'report'")
                .withMessageContaining(first.toString())
                .withMessageContaining(second.toString());
    }

    @Test
    void rejectsBlankNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HandlerRegistry(List.of(named(" "))))
                .withMessageContaining("blank name");
    }

    @Test
    void registersAndUnregistersAtRuntime() {
        HandlerRegistry registry = new HandlerRegistry(List.of(named("local")));
        TaskHandler remote = named("remote");

        registry.register(remote);
        assertThat(registry.find("remote")).containsSame(remote);
        assertThat(registry.names()).containsExactly("local", "remote");
        assertThatIllegalStateException().isThrownBy(() -> registry.register(named("remote")))
                .withMessageContaining("duplicate task handler name 'remote'");

        assertThat(registry.unregister("remote")).isTrue();
        assertThat(registry.unregister("remote")).isFalse();
        assertThat(registry.contains("remote")).isFalse();
        assertThat(registry.names()).containsExactly("local");
    }

    @Test
    void registersConcurrently() {
        HandlerRegistry registry = new HandlerRegistry(List.of());

        Flux.range(0, 500).parallel(8).runOn(Schedulers.parallel())
                .doOnNext(i -> registry.register(named("h" + i)))
                .sequential().blockLast();

        assertThat(registry.names()).hasSize(500);
    }

    @Test
    void namesAreASnapshot() {
        HandlerRegistry registry = new HandlerRegistry(List.of(named("a")));
        var names = registry.names();

        registry.register(named("b"));

        assertThat(names).containsExactly("a");
        assertThatThrownBy(() -> names.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsUnknownHandlerNamingTheKnownOnes() {
        HandlerRegistry registry = new HandlerRegistry(List.of(named("sleep"), named("http"), named("noop")));

        assertThat(Violated.by(() -> registry.validate("slep", Map.of())))
                .containsExactly(new FieldViolation("handler", "unknown handler 'slep'; known: http, noop, sleep"));
    }

    @Test
    void rejectsEveryHandlerWhenNoneIsKnown() {
        HandlerRegistry registry = new HandlerRegistry(List.of());

        assertThat(Violated.by(() -> registry.validate("noop", Map.of())))
                .containsExactly(new FieldViolation("handler", "unknown handler 'noop'; known: (none)"));
    }

    @Test
    void delegatesValidationToTheHandler() {
        List<Map<String, Object>> seen = new ArrayList<>();
        TaskHandler picky = new Named("picky") {
            @Override
            public void validate(Map<String, Object> params) {
                seen.add(params);
                if (!params.containsKey("url")) {
                    throw InvalidArgumentException.of("params.url", "is required");
                }
            }
        };
        HandlerRegistry registry = new HandlerRegistry(List.of(picky));

        registry.validate("picky", Map.of("url", "http://example.com"));
        assertThat(Violated.fields(() -> registry.validate("picky", Map.of()))).containsExactly("params.url");
        assertThat(Violated.fields(() -> registry.validate("picky", null))).containsExactly("params.url");
        assertThat(seen).containsExactly(Map.of("url", "http://example.com"), Map.of(), Map.of());
    }

    @Test
    void tellsWhichHandlersThisNodeCannotRunNow() {
        AtomicBoolean workerConnected = new AtomicBoolean();
        TaskHandler remote = new Named("remote") {
            @Override
            public boolean available() {
                return workerConnected.get();
            }
        };
        HandlerRegistry registry = new HandlerRegistry(List.of(named("local"), remote));

        assertThat(registry.unavailable()).containsExactly("remote");
        assertThat(registry.available("remote")).isFalse();
        assertThat(registry.available("local")).isTrue();
        assertThat(registry.available("unknown")).isTrue();

        workerConnected.set(true);
        assertThat(registry.unavailable()).isEmpty();
        assertThat(registry.available("remote")).isTrue();
    }

    private static TaskHandler named(String name) {
        return new Named(name);
    }

    private static class Named implements TaskHandler {

        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Mono<Object> handle(HandlerContext context) {
            return Mono.empty();
        }
    }
}
