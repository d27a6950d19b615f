package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.MapFailurePolicy;
import dev.taskflux.api.workflow.StepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A MAP step: its handler once per item, at most {@code concurrency} at a time, each item retried
 * on its own. The output keeps every item's outcome: {@code successes} with outputs and
 * {@code failures} with errors, each naming the item and its index. Progress is kept as items end.
 */
final class MapStep implements StepRunner {

    @Override
    public Mono<Object> run(StepCall call) {
        return Mono.defer(() -> {
            StepSpec step = call.step();
            List<?> all = Items.of(call);
            List<?> items = step.deduplicate() ? new ArrayList<>(new LinkedHashSet<>(all)) : all;
            int total = items.size();
            call.running();
            call.progress(0, total, true);
            AtomicLong done = new AtomicLong();
            ItemOutcome[] outcomes = new ItemOutcome[total];
            boolean failFast = step.failure() == MapFailurePolicy.FAIL_FAST;
            return Flux.range(0, total)
                    .flatMap(i -> item(call, i, items.get(i)), Items.concurrency(call, step.concurrency()))
                    .doOnNext(outcome -> {
                        outcomes[outcome.index()] = outcome;
                        call.progress(done.incrementAndGet(), total, false);
                    })
                    .takeUntil(outcome -> failFast && outcome.error() != null)
                    .then(Mono.fromCallable(() -> {
                        call.progress(done.get(), total, true);
                        return outcome(call, outcomes, total);
                    }));
        });
    }

    private static Mono<ItemOutcome> item(StepCall call, int index, Object item) {
        return Mono.defer(() -> call.call(call.step().handler(), Items.params(call, call.step().params(), item),
                        call.callId(Integer.toString(index)), 0, HandlerAttempts.SILENT))
                .map(output -> new ItemOutcome(index, item, output, null))
                .defaultIfEmpty(new ItemOutcome(index, item, null, null))
                .onErrorResume(error -> Mono.just(new ItemOutcome(index, item, null, StepFailure.reason(error))));
    }

    private static Object outcome(StepCall call, ItemOutcome[] outcomes, int total) {
        List<Map<String, Object>> successes = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (ItemOutcome outcome : outcomes) {
            if (outcome == null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", outcome.index());
            entry.put("item", outcome.item());
            if (outcome.error() == null) {
                entry.put("output", outcome.output());
                successes.add(entry);
            } else {
                entry.put("error", outcome.error());
                failures.add(entry);
            }
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("total", total);
        output.put("succeeded", successes.size());
        output.put("failed", failures.size());
        output.put("successes", successes);
        output.put("failures", failures);
        StepFailure failure = Items.failure(call, failures.size(), total,
                failures.isEmpty() ? null : "item " + failures.get(0).get("index") + ": " + failures.get(0).get("error"),
                output);
        if (failure != null) {
            throw failure;
        }
        return output;
    }

    private record ItemOutcome(int index, Object item, Object output, String error) {
    }
}
