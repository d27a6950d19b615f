package dev.taskflux.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowGraphTest {

    @Test
    void topologicalOrderPutsDependenciesFirstAndBreaksTiesByDeclaration() {
        assertThat(WorkflowGraph.of(Workflows.diamond()).topologicalOrder())
                .containsExactly("prepare", "check", "big", "small", "pause", "approve", "publish");
        WorkflowSpec reversed = WorkflowSpec.of("w", StepSpec.task("z", "noop").dependsOn("y", "x").build(),
                StepSpec.task("y", "noop").build(), StepSpec.task("x", "noop").build());
        assertThat(WorkflowGraph.of(reversed).topologicalOrder()).containsExactly("y", "x", "z");
    }

    @Test
    void upstreamIsTransitive() {
        WorkflowGraph graph = WorkflowGraph.of(Workflows.diamond());
        assertThat(graph.upstreamOf("approve")).containsExactlyInAnyOrder("pause", "prepare");
        assertThat(graph.upstreamOf("publish")).containsExactlyInAnyOrder(
                "big", "small", "approve", "check", "pause", "prepare");
        assertThat(graph.upstreamOf("prepare")).isEmpty();
    }

    @Test
    void cyclicGraphsHaveNoOrder() {
        WorkflowSpec spec = WorkflowSpec.of("w", StepSpec.task("a", "noop").dependsOn("b").build(),
                StepSpec.task("b", "noop").dependsOn("a").build());
        assertThat(WorkflowGraph.of(spec).cycles()).containsExactly(List.of("a", "b", "a"));
        assertThatThrownBy(() -> WorkflowGraph.of(spec).topologicalOrder())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[a, b, a]");
    }
}
