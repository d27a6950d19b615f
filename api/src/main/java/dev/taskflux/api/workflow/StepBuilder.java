package dev.taskflux.api.workflow;

import dev.taskflux.api.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds a {@link StepSpec}; start from one of its factories, such as {@link StepSpec#task}. */
public final class StepBuilder {

    private final String id;
    private final StepType type;
    private List<String> dependsOn;
    private Duration timeout;
    private RetryPolicy retry;
    private HandlerCall compensate;
    private String handler;
    private Map<String, Object> params;
    private String expression;
    private List<String> then;
    private List<String> otherwise;
    private Duration duration;
    private Instant until;
    private String items;
    private Integer concurrency;
    private boolean deduplicate;
    private MapFailurePolicy failure;
    private List<PipelineStage> stages;
    private HandlerCall merge;
    private String workflow;
    private Map<String, Object> inputs;

    StepBuilder(String id, StepType type) {
        this.id = id;
        this.type = type;
    }

    static StepBuilder from(StepSpec s) {
        StepBuilder b = new StepBuilder(s.id(), s.type());
        b.dependsOn = s.dependsOn();
        b.timeout = s.timeout();
        b.retry = s.retry();
        b.compensate = s.compensate();
        b.handler = s.handler();
        b.params = s.params();
        b.expression = s.expression();
        b.then = s.then();
        b.otherwise = s.otherwise();
        b.duration = s.duration();
        b.until = s.until();
        b.items = s.items();
        b.concurrency = s.concurrency();
        b.deduplicate = s.deduplicate();
        b.failure = s.failure();
        b.stages = s.stages();
        b.merge = s.merge();
        b.workflow = s.workflow();
        b.inputs = s.inputs();
        return b;
    }

    /** The steps that must finish first. */
    public StepBuilder dependsOn(String... ids) {
        this.dependsOn = Arrays.asList(ids);
        return this;
    }

    /** How long one attempt may take. */
    public StepBuilder timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** How failed attempts are retried. */
    public StepBuilder retry(RetryPolicy retry) {
        this.retry = retry;
        return this;
    }

    /** The handler undoing the step when the run fails. */
    public StepBuilder compensate(String handler, Map<String, Object> params) {
        this.compensate = new HandlerCall(handler, params);
        return this;
    }

    /** The handler a TASK or MAP step runs. */
    public StepBuilder handler(String handler) {
        this.handler = handler;
        return this;
    }

    /** The params of a TASK or MAP step. */
    public StepBuilder params(Map<String, Object> params) {
        this.params = params;
        return this;
    }

    /** The condition of a CONDITION step. */
    public StepBuilder expression(String expression) {
        this.expression = expression;
        return this;
    }

    /** The dependents of a CONDITION step that run when it is true. */
    public StepBuilder then(String... ids) {
        this.then = Arrays.asList(ids);
        return this;
    }

    /** The dependents of a CONDITION step that run when it is false. */
    public StepBuilder otherwise(String... ids) {
        this.otherwise = Arrays.asList(ids);
        return this;
    }

    /** How long a WAIT step waits. */
    public StepBuilder duration(Duration duration) {
        this.duration = duration;
        return this;
    }

    /** Until when a WAIT step waits. */
    public StepBuilder until(Instant until) {
        this.until = until;
        return this;
    }

    /** The CEL expression yielding a MAP or PIPELINE step's items. */
    public StepBuilder items(String items) {
        this.items = items;
        return this;
    }

    /** How many items a MAP step handles at once. */
    public StepBuilder concurrency(Integer concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    /** Whether a MAP step handles equal items once. */
    public StepBuilder deduplicate(boolean deduplicate) {
        this.deduplicate = deduplicate;
        return this;
    }

    /** What a failed item does to a MAP step. */
    public StepBuilder failure(MapFailurePolicy failure) {
        this.failure = failure;
        return this;
    }

    /** The ordered stages of a PIPELINE step. */
    public StepBuilder stages(PipelineStage... stages) {
        this.stages = Arrays.asList(stages);
        return this;
    }

    /** The handler combining a PIPELINE step's results. */
    public StepBuilder merge(String handler, Map<String, Object> params) {
        this.merge = new HandlerCall(handler, params);
        return this;
    }

    /** The definition a SUB_WORKFLOW step runs. */
    public StepBuilder workflow(String workflow) {
        this.workflow = workflow;
        return this;
    }

    /** The inputs a SUB_WORKFLOW step passes on. */
    public StepBuilder inputs(Map<String, Object> inputs) {
        this.inputs = inputs;
        return this;
    }

    /** The step. */
    public StepSpec build() {
        return new StepSpec(id, type, dependsOn, timeout, retry, compensate, handler, params, expression, then,
                otherwise, duration, until, items, concurrency, deduplicate, failure, stages, merge, workflow,
                inputs);
    }
}
