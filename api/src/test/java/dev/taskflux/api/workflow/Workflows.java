package dev.taskflux.api.workflow;

import java.time.Duration;
import java.util.Map;

/** Test data: a valid diamond using every step type. */
final class Workflows {

    private Workflows() {
    }

    static WorkflowSpec diamond() {
        return WorkflowSpec.of("nightly",
                StepSpec.task("prepare", "noop").params(Map.of("path", "${inputs.path}"))
                        .compensate("noop", Map.of("file", "${steps.prepare.output.file}")).build(),
                StepSpec.condition("check", "steps.prepare.output.size > 100").dependsOn("prepare")
                        .then("big").otherwise("small").build(),
                StepSpec.map("big", "steps.prepare.output.files", "noop").dependsOn("check")
                        .params(Map.of("file", "${item}")).concurrency(8).deduplicate(true)
                        .failure(MapFailurePolicy.AT_END).build(),
                StepSpec.pipeline("small", "steps.prepare.output.files",
                        new PipelineStage("parse", "noop", Map.of("f", "${item}"), 4, null),
                        new PipelineStage("load", "noop", Map.of(), null, "item.size() > 0"))
                        .merge("noop", Map.of()).dependsOn("check").build(),
                StepSpec.waitFor("pause", Duration.ofMinutes(5)).dependsOn("prepare").build(),
                StepSpec.signal("approve", Duration.ofHours(1)).dependsOn("pause").build(),
                StepSpec.subWorkflow("publish", "publisher").dependsOn("big", "small", "approve")
                        .inputs(Map.of("file", "${steps.prepare.output.file}")).build())
                .withInputs(InputSpec.required("path"), InputSpec.optional("limit", 10));
    }
}
