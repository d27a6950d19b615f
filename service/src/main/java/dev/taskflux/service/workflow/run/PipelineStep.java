package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.HandlerCall;
import dev.taskflux.api.workflow.MapFailurePolicy;
import dev.taskflux.api.workflow.PipelineStage;
import dev.taskflux.api.workflow.StepSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A PIPELINE step: items stream through the stages in order, each stage with its own handler and
 * concurrency, an item entering the next stage as soon as it leaves the one before. A stage's
 * output is the next stage's item; a stage with a {@code when} condition handles only the items it
 * holds for and lets the others pass. Each item keeps the trace of the stages that handled it. The
 * merge handler, if any, gets the final items as {@code item} once all are through.
 */
final class PipelineStep implements StepRunner {

    @Override
    public Mono<Object> run(StepCall call) {
        return Mono.defer(() -> {
            StepSpec step = call.step();
            List<?> items = Items.of(call);
            int total = items.size();
            call.running();
            call.progress(0, total, true);
            Flux<Passage> flow = Flux.range(0, total).map(i -> new Passage(i, items.get(i), items.get(i), List.of(), null));
            for (PipelineStage stage : step.stages()) {
                flow = flow.flatMap(p -> p.error() != null ? Mono.just(p) : pass(call, stage, p),
                        Items.concurrency(call, stage.concurrency()));
            }
            AtomicLong done = new AtomicLong();
            boolean failFast = step.failure() == MapFailurePolicy.FAIL_FAST;
            return flow.doOnNext(p -> call.progress(done.incrementAndGet(), total, false))
                    .takeUntil(p -> failFast && p.error() != null)
                    .collectList()
                    .flatMap(passed -> {
                        call.progress(done.get(), total, true);
                        return outcome(call, passed, total);
                    });
        });
    }

    private static Mono<Passage> pass(StepCall call, PipelineStage stage, Passage p) {
        return Mono.defer(() -> {
            if (stage.when() != null && !call.support().expressions().evaluateCondition(stage.when(),
                    call.run().inputs(), call.finishedSteps(), p.value())) {
                return Mono.just(p);
            }
            return call.call(stage.handler(), Items.params(call, stage.params(), p.value()),
                            call.callId(p.index() + "/" + stage.name()), 0, HandlerAttempts.SILENT)
                    .map(output -> p.through(stage.name(), output))
                    .defaultIfEmpty(p.through(stage.name(), null));
        }).onErrorResume(error -> Mono.just(p.failed(stage.name(), StepFailure.reason(error))));
    }

    private static Mono<Object> outcome(StepCall call, List<Passage> passed, int total) {
        passed.sort(Comparator.comparingInt(Passage::index));
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        long failed = 0;
        String first = null;
        for (Passage p : passed) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", p.index());
            entry.put("item", p.item());
            entry.put("trace", p.trace());
            if (p.error() == null) {
                entry.put("output", p.value());
                values.add(p.value());
            } else {
                entry.put("error", p.error());
                failed++;
                first = first == null ? "item " + p.index() + ": " + p.error() : first;
            }
            entries.add(entry);
        }
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("total", total);
        output.put("succeeded", values.size());
        output.put("failed", failed);
        output.put("items", entries);
        StepFailure failure = Items.failure(call, failed, total, first, output);
        if (failure != null) {
            return Mono.error(failure);
        }
        HandlerCall merge = call.step().merge();
        if (merge == null) {
            return Mono.just(output);
        }
        return Mono.defer(() -> call.call(merge.handler(), Items.params(call, merge.params(), values),
                        call.callId("merge"), 0, HandlerAttempts.SILENT))
                .map(merged -> {
                    output.put("merged", merged);
                    return (Object) output;
                })
                .defaultIfEmpty(output);
    }

    /** An item on its way through the stages. */
    private record Passage(int index, Object item, Object value, List<String> trace, String error) {

        Passage through(String stage, Object output) {
            List<String> passed = new ArrayList<>(trace);
            passed.add(stage);
            return new Passage(index, item, output, passed, null);
        }

        Passage failed(String stage, String reason) {
            List<String> passed = new ArrayList<>(trace);
            passed.add(stage);
            return new Passage(index, item, value, passed, "stage " + stage + ": " + reason);
        }
    }
}
