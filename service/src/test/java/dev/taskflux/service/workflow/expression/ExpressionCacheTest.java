package dev.taskflux.service.workflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExpressionCacheTest {

    private static CompiledExpression compiled(String source) {
        return new CompiledExpression(source, null, null);
    }

    @Test
    void dropsTheLeastRecentlyUsedExpressionWhenFull() {
        ExpressionCache cache = new ExpressionCache(2);
        cache.remember(compiled("a"));
        cache.remember(compiled("b"));
        cache.find("a");

        cache.remember(compiled("c"));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.find("a")).isNotNull();
        assertThat(cache.find("b")).isNull();
        assertThat(cache.find("c")).isNotNull();
    }

    @Test
    void aSmallCacheStillEvaluatesEveryExpression() {
        WorkflowExpressions tiny = new WorkflowExpressions(1);

        assertThat(tiny.evaluate("1 + 1", Map.of(), Map.of(), null)).isEqualTo(2L);
        assertThat(tiny.evaluate("2 + 2", Map.of(), Map.of(), null)).isEqualTo(4L);
        assertThat(tiny.evaluate("1 + 1", Map.of(), Map.of(), null)).isEqualTo(2L);
        assertThatThrownBy(() -> new WorkflowExpressions(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneInstanceServesConcurrentEvaluations() throws Exception {
        WorkflowExpressions shared = new WorkflowExpressions(4);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int call = 0; call < 200; call++) {
            long n = call % 16;
            calls.add(() -> shared.evaluateCondition("inputs.n + " + n + " == " + (2 * n),
                    Map.of("n", n), Map.of(), null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
