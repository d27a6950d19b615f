package dev.taskflux.service.workflow.run;

import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.workflow.expression.ParameterTemplates;
import dev.taskflux.service.workflow.expression.WorkflowExpressions;
import java.time.Clock;
import reactor.core.scheduler.Scheduler;

/**
 * What every run shares.
 *
 * @param clock       the service clock
 * @param scheduler   timeouts, waits and backoff delays run here (virtual in tests)
 * @param handlers    the handlers steps call
 * @param expressions CEL conditions and item lists
 * @param templates   step params
 * @param attempts    handler calls with timeout and retry
 * @param journal     where state changes go
 * @param settings    workflow settings
 */
record EngineSupport(Clock clock, Scheduler scheduler, HandlerRegistry handlers, WorkflowExpressions expressions,
        ParameterTemplates templates, HandlerAttempts attempts, RunJournal journal, WorkflowProperties settings) {
}
