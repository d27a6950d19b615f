package dev.taskflux.api.workflow;

import dev.taskflux.api.RetryPolicy;
import dev.taskflux.api.error.Violations;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of one step that depend on its type, with violations named under {@code at}. */
final class StepChecks {

    private static final Duration MAX_DURATION = Duration.ofDays(3660);

    private final Violations v;
    private final String at;
    private final StepSpec step;
    private final Map<String, StepSpec> byId;

    StepChecks(Violations v, String at, StepSpec step, Map<String, StepSpec> byId) {
        this.v = v;
        this.at = at;
        this.step = step;
        this.byId = byId;
    }

    void check() {
        positive(v, at + ".timeout", step.timeout());
        retry(step.retry());
        if (step.compensate() != null) {
            required(".compensate.handler", step.compensate().handler());
        }
        if (step.type() == null) {
            v.add(at + ".type", "is required");
            return;
        }
        switch (step.type()) {
            case TASK -> required(".handler", step.handler());
            case CONDITION -> condition();
            case WAIT -> {
                v.check((step.duration() == null) == (step.until() == null), at + ".duration",
                        "WAIT step '" + step.id() + "' needs exactly one of duration and until");
                positive(v, at + ".duration", step.duration());
            }
            case SIGNAL -> v.check(step.timeout() == null, at + ".timeout",
                    "SIGNAL step '" + step.id() + "' needs a timeout");
            case MAP -> {
                required(".items", step.items());
                required(".handler", step.handler());
                concurrency(at + ".concurrency", step.concurrency());
            }
            case PIPELINE -> pipeline();
            case SUB_WORKFLOW -> required(".workflow", step.workflow());
            default -> throw new IllegalStateException("unhandled step type " + step.type());
        }
    }

    private void condition() {
        required(".expression", step.expression());
        branch(".then", "then", step.then());
        branch(".else", "else", step.otherwise());
        for (String id : step.then()) {
            v.check(id != null && step.otherwise().contains(id), at + ".else",
                    "step '" + id + "' is in both then and else of condition '" + step.id() + "'");
        }
    }

    private void branch(String field, String name, List<String> ids) {
        WorkflowSpecValidator.references(v, at + field, step, "lists in " + name, ids, byId);
        for (String id : ids) {
            StepSpec target = byId.get(id);
            v.check(target != null && !target.dependsOn().contains(step.id()), at + field,
                    "step '" + id + "' in " + name + " of condition '" + step.id() + "' must depend on '"
                            + step.id() + "'");
        }
    }

    private void pipeline() {
        required(".items", step.items());
        v.check(step.stages().isEmpty(), at + ".stages", "PIPELINE step '" + step.id() + "' needs at least one stage");
        Set<String> names = new HashSet<>();
        for (int k = 0; k < step.stages().size(); k++) {
            PipelineStage stage = step.stages().get(k);
            String field = ".stages[" + k + "]";
            if (stage == null) {
                v.add(at + field, "must not be null");
                continue;
            }
            required(field + ".name", stage.name());
            v.check(stage.name() != null && !names.add(stage.name()), at + field + ".name",
                    "duplicate stage name '" + stage.name() + "' in step '" + step.id() + "'");
            required(field + ".handler", stage.handler());
            concurrency(at + field + ".concurrency", stage.concurrency());
        }
        if (step.merge() != null) {
            required(".merge.handler", step.merge().handler());
        }
    }

    private void required(String field, String value) {
        v.check(value == null || value.isBlank(), at + field,
                "is required for " + step.type() + " step '" + step.id() + "'");
    }

    private void concurrency(String field, Integer value) {
        v.check(value != null && (value < 1 || value > WorkflowSpecValidator.MAX_CONCURRENCY), field,
                "step '" + step.id() + "' concurrency must be between 1 and " + WorkflowSpecValidator.MAX_CONCURRENCY);
    }

    private void retry(RetryPolicy retry) {
        String field = at + ".retry";
        v.check(retry.maxRetries() < 0 || retry.maxRetries() > 100, field + ".maxRetries", "must be between 0 and 100");
        positive(v, field + ".initialDelay", retry.initialDelay());
        positive(v, field + ".maxDelay", retry.maxDelay());
        v.check(!(retry.multiplier() >= 1.0 && retry.multiplier() <= 100.0), field + ".multiplier",
                "must be between 1 and 100");
        v.check(!(retry.jitter() >= 0.0 && retry.jitter() <= 1.0), field + ".jitter", "must be between 0 and 1");
    }

    static void positive(Violations v, String field, Duration duration) {
        v.check(duration != null && (duration.isNegative() || duration.isZero()), field, "must be a positive duration");
        v.check(duration != null && duration.compareTo(MAX_DURATION) > 0, field, "must be at most " + MAX_DURATION);
    }

    static void text(Violations v, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            v.check(required, field, "is required");
            return;
        }
        v.check(value.length() > max, field, "must be at most " + max + " characters");
    }
}
