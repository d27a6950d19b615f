package dev.taskflux.service.workflow.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.workflow.MapFailurePolicy;
import dev.taskflux.api.workflow.PipelineStage;
import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.WorkflowSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** MAP and PIPELINE steps under virtual time: concurrency, per-item outcomes, policies, streaming and routing. */
class FanOutStepsTest {

    private final EngineFixture fx = new EngineFixture();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();

    FanOutStepsTest() {
        fx.handler("square", ctx -> {
            long n = ((Number) ctx.params().get("item")).longValue();
            return Mono.delay(Duration.ofSeconds(1), fx.time)
                    .doOnSubscribe(s -> mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max))
                    .doOnTerminate(running::decrementAndGet)
                    .doOnCancel(running::decrementAndGet)
                    .then(n == 13 ? Mono.error(new IllegalArgumentException("unlucky")) : Mono.just((Object) (n * n)));
        });
        fx.handler("stage", ctx -> {
            String stage = (String) ctx.params().get("name");
            Object item = ctx.params().get("item");
            return Mono.delay(Duration.ofSeconds(1), fx.time)
                    .doOnSubscribe(s -> log.add(fx.time.now(java.util.concurrent.TimeUnit.SECONDS) + "s " + stage + " " + item))
                    .map(t -> (Object) (((Number) item).longValue() * 10));
        });
        fx.handler("sum", ctx -> Mono.just(((List<?>) ctx.params().get("item")).stream()
                .mapToLong(v -> ((Number) v).longValue()).sum()));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aMapNeverExceedsItsConcurrencyAndReportsProgress() {
        UUID id = fx.start(WorkflowSpec.of("map", StepSpec.map("squares", "[1,2,3,4,5,6,7,8,9,10]", "square")
                .concurrency(3).build()));

        fx.advance(Duration.ofSeconds(2));
        assertThat(fx.step(id, "squares").progress()).isEqualTo(new StepRun.Progress(6, 10));
        fx.advance(Duration.ofSeconds(2));

        assertThat(mostRunning).hasValue(3);
        StepRun squares = fx.step(id, "squares");
        assertThat(squares.status()).isEqualTo(StepStatus.COMPLETED);
        assertThat(squares.progress()).isEqualTo(new StepRun.Progress(10, 10));
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) squares.output();
        assertThat(output).containsEntry("succeeded", 10).containsEntry("failed", 0);
        assertThat((List<?>) output.get("successes")).element(3).isEqualTo(Map.of("index", 3, "item", 4L, "output", 16L));
    }

    @Test
    void aMapKeepsSuccessesAndFailuresPerItemAndHandlesEqualItemsOnce() {
        UUID id = fx.start(WorkflowSpec.of("map", StepSpec.map("squares", "[2, 13, 2, 3]", "square")
                .deduplicate(true).failure(MapFailurePolicy.NEVER).build()));
        fx.advance(Duration.ofSeconds(1));

        StepRun squares = fx.step(id, "squares");
        assertThat(squares.status()).isEqualTo(StepStatus.COMPLETED);
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) squares.output();
        assertThat(output).containsEntry("total", 3).containsEntry("succeeded", 2).containsEntry("failed", 1);
        assertThat((List<?>) output.get("failures")).singleElement()
                .isEqualTo(Map.of("index", 1, "item", 13L, "error", "IllegalArgumentException: unlucky"));
    }

    @Test
    void aMapFailingAtTheEndRunsEveryItemAndKeepsTheOutcomes() {
        UUID id = fx.start(WorkflowSpec.of("map", StepSpec.map("squares", "[13, 1, 2, 3, 4, 5]", "square")
                .concurrency(2).failure(MapFailurePolicy.AT_END).build()));
        fx.advance(Duration.ofSeconds(3));

        StepRun squares = fx.step(id, "squares");
        assertThat(squares.status()).isEqualTo(StepStatus.FAILED);
        assertThat(squares.error()).startsWith("1 of 6 items failed; first: item 0");
        assertThat(((Map<?, ?>) squares.output()).get("succeeded")).isEqualTo(5);
        assertThat(fx.run(id).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void aMapFailingFastStopsAtTheFirstFailure() {
        UUID id = fx.start(WorkflowSpec.of("map", StepSpec.map("squares", "[13, 1, 2, 3, 4, 5]", "square")
                .concurrency(2).build()));
        fx.advance(Duration.ofSeconds(1));

        StepRun squares = fx.step(id, "squares");
        assertThat(squares.status()).isEqualTo(StepStatus.FAILED);
        assertThat(mostRunning).hasValue(2);
        fx.advance(Duration.ofSeconds(5));
        assertThat(squares.progress().done()).isLessThan(6);
    }

    @Test
    void pipelineItemsEnterTheNextStageAsSoonAsTheyLeaveTheLastOne() {
        UUID id = fx.start(WorkflowSpec.of("tree", StepSpec.pipeline("tree", "[1, 2, 3]",
                        new PipelineStage("first", "stage", Map.of("name", "first"), 1, null),
                        new PipelineStage("second", "stage", Map.of("name", "second"), 1, null))
                .merge("sum", Map.of()).build()));
        fx.advance(Duration.ofSeconds(4));

        assertThat(log).containsSubsequence("0s first 1", "1s second 10", "2s first 3");
        assertThat(log.indexOf("1s second 10")).isLessThan(log.indexOf("2s first 3"));
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) fx.step(id, "tree").output();
        assertThat((List<?>) output.get("items")).element(0)
                .isEqualTo(Map.of("index", 0, "item", 1L, "trace", List.of("first", "second"), "output", 100L));
        assertThat(output).containsEntry("merged", 600L);
    }

    @Test
    void pipelineStagesHandleOnlyTheItemsTheirConditionRoutesToThem() {
        UUID id = fx.start(WorkflowSpec.of("route", StepSpec.pipeline("route", "[1, 2, 3, 4]",
                new PipelineStage("evens", "stage", Map.of("name", "evens"), 4, "item % 2 == 0")).build()));
        fx.advance(Duration.ofSeconds(1));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) ((Map<String, Object>) fx.step(id, "route")
                .output()).get("items");
        assertThat(items).extracting(i -> i.get("trace"))
                .containsExactly(List.of(), List.of("evens"), List.of(), List.of("evens"));
        assertThat(items).extracting(i -> i.get("output")).containsExactly(1L, 20L, 3L, 40L);
    }
}
