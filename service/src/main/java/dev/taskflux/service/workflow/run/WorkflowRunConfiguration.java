package dev.taskflux.service.workflow.run;

import dev.taskflux.service.cluster.NodeIdentity;
import dev.taskflux.service.config.TaskfluxProperties;
import dev.taskflux.service.event.LifecycleEvents;
import dev.taskflux.service.execution.Backoff;
import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.storage.JsonCodec;
import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.workflow.definition.DefinitionLookup;
import dev.taskflux.service.workflow.expression.ParameterTemplates;
import dev.taskflux.service.workflow.expression.WorkflowExpressions;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the workflow run engine: its store, journal, the engine itself and run recovery. */
@Configuration(proxyBeanMethods = false)
class WorkflowRunConfiguration {

    @Bean
    RunStore runStore(DatabaseClient db, TransactionalOperator tx, SqlDialect dialect, JsonCodec json,
            LifecycleEvents events, NodeIdentity node, TaskfluxProperties properties) {
        return new R2dbcRunStore(db, tx, dialect, json, events, node.id(), properties.scheduler().leaseDuration());
    }

    @Bean(destroyMethod = "dispose")
    Scheduler workflowJournalThread() {
        return Schedulers.newSingle("taskflux-workflow-journal", true);
    }

    @Bean(destroyMethod = "dispose")
    RunJournal runJournal(RunStore store, WorkflowProperties settings, Scheduler workflowJournalThread) {
        return new RunJournal(store, settings.batchSize(), settings.batchDelay(), workflowJournalThread);
    }

    @Bean
    WorkflowEngine workflowEngine(RunStore store, RunJournal journal, Clock clock, Scheduler taskfluxScheduler,
            HandlerRegistry handlers, Backoff backoff, WorkflowProperties settings,
            ObjectProvider<WorkflowExpressions> expressions, ObjectProvider<ParameterTemplates> templates,
            ObjectProvider<DefinitionLookup> definitions) {
        WorkflowExpressions cel = expressions.getIfAvailable(WorkflowExpressions::new);
        EngineSupport support = new EngineSupport(clock, taskfluxScheduler, handlers, cel,
                templates.getIfAvailable(() -> new ParameterTemplates(cel)),
                new HandlerAttempts(clock, taskfluxScheduler, backoff), journal, settings);
        return new WorkflowEngine(store, support, definitions.getIfAvailable(() -> NO_DEFINITIONS));
    }

    @Bean
    RunRecovery runRecovery(WorkflowEngine engine, RunStore store, Scheduler taskfluxScheduler, NodeIdentity node,
            TaskfluxProperties properties, WorkflowProperties settings) {
        return new RunRecovery(engine, store, taskfluxScheduler, node, properties, settings);
    }

    /** Used until definition storage exists: sub-workflow steps then find no definition. */
    private static final DefinitionLookup NO_DEFINITIONS = new DefinitionLookup() {
        @Override
        public Mono<dev.taskflux.api.workflow.WorkflowDefinition> version(java.util.UUID id, int version) {
            return Mono.empty();
        }

        @Override
        public Mono<dev.taskflux.api.workflow.WorkflowDefinition> latest(String owner, String reference) {
            return Mono.empty();
        }
    };
}
