package dev.taskflux.service.workflow.definition;

import dev.taskflux.service.handler.HandlerRegistry;
import dev.taskflux.service.workflow.expression.ParameterTemplates;
import dev.taskflux.service.workflow.expression.WorkflowExpressions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires workflow expressions, templates and the definition validator. */
@Configuration(proxyBeanMethods = false)
class DefinitionConfiguration {

    @Bean
    WorkflowExpressions workflowExpressions() {
        return new WorkflowExpressions();
    }

    @Bean
    ParameterTemplates parameterTemplates(WorkflowExpressions expressions) {
        return new ParameterTemplates(expressions);
    }

    @Bean
    WorkflowDefinitionValidator workflowDefinitionValidator(HandlerRegistry handlers, WorkflowExpressions expressions,
            ParameterTemplates templates) {
        return new WorkflowDefinitionValidator(handlers, expressions, templates);
    }
}
