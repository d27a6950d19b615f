package dev.taskflux.service.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

class HandlerWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(WebClient.Builder.class, WebClient::builder)
            .withUserConfiguration(ScanHandlers.class);

    @Test
    void registersTheBuiltInsAndUserBeans() {
        context.withBean("reportHandler", TaskHandler.class, () -> TaskHandler.blocking("report", ctx -> "done"))
                .run(started -> assertThat(started.getBean(HandlerRegistry.class).names())
                        .containsExactly("http", "noop", "report", "sleep"));
    }

    @Test
    void refusesToStartWithDuplicateNames() {
        context.withBean("myNoop", TaskHandler.class, () -> TaskHandler.blocking("noop", ctx -> null))
                .run(failed -> assertThat(failed).getFailure()
                        .rootCause().hasMessageContaining("duplicate task handler name 'noop'"));
    }

    @Test
    void builtInNoopSucceedsAtOnce() {
        context.run(started -> {
            TaskHandler noop = started.getBean(HandlerRegistry.class).find("noop").orElseThrow();
            assertThat(noop.handle(Contexts.context("noop", null)).block()).isEqualTo(Map.of("ok", true));
        });
    }

    @Configuration(proxyBeanMethods = false)
    @ComponentScan
    static class ScanHandlers {
    }
}
