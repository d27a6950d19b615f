package dev.taskflux.service.workflow.run;

import dev.taskflux.api.Attempt;
import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.StepType;
import java.time.Instant;
import java.util.List;

/** A changed copy of a {@link StepRun}, one field at a time. */
final class StepEdit {

    private final String stepId;
    private final StepType type;
    private StepStatus status;
    private List<Attempt> attempts;
    private Object output;
    private String error;
    private StepRun.Progress progress;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant waitUntil;
    private StepRun.Compensation compensation;

    private StepEdit(StepRun step) {
        stepId = step.stepId();
        type = step.type();
        status = step.status();
        attempts = step.attempts();
        output = step.output();
        error = step.error();
        progress = step.progress();
        startedAt = step.startedAt();
        finishedAt = step.finishedAt();
        waitUntil = step.waitUntil();
        compensation = step.compensation();
    }

    /** An edit of {@code step}. */
    static StepEdit of(StepRun step) {
        return new StepEdit(step);
    }

    /** A step that has not started. */
    static StepRun pending(String stepId, StepType type) {
        return new StepRun(stepId, type, StepStatus.PENDING, List.of(), null, null, null, null, null, null, null);
    }

    StepEdit status(StepStatus value) {
        status = value;
        return this;
    }

    StepEdit attempts(List<Attempt> value) {
        attempts = value;
        return this;
    }

    StepEdit output(Object value) {
        output = value;
        return this;
    }

    StepEdit error(String value) {
        error = value;
        return this;
    }

    StepEdit progress(StepRun.Progress value) {
        progress = value;
        return this;
    }

    /** Sets the start time unless the step already has one. */
    StepEdit started(Instant at) {
        startedAt = startedAt == null ? at : startedAt;
        return this;
    }

    StepEdit finished(Instant at) {
        finishedAt = at;
        return this;
    }

    StepEdit waitUntil(Instant value) {
        waitUntil = value;
        return this;
    }

    StepEdit compensation(StepRun.Compensation value) {
        compensation = value;
        return this;
    }

    StepRun build() {
        return new StepRun(stepId, type, status, attempts, output, error, progress, startedAt, finishedAt, waitUntil,
                compensation);
    }
}
