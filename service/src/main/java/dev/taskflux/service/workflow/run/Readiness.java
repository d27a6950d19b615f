package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.StepSpec;
import dev.taskflux.api.workflow.StepStatus;
import dev.taskflux.api.workflow.StepType;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether a step whose dependencies have all finished runs or is skipped. It is skipped when a
 * dependency failed or was cancelled (directly, or through a step skipped for that reason), and
 * when none of its dependencies leads to it: each was skipped, or is a condition that chose the
 * other branch. A step joining branches runs if any branch reached it.
 */
final class Readiness {

    /** How the reason of a step skipped because something upstream failed starts. */
    static final String BLOCKED = "blocked: ";

    private Readiness() {
    }

    /** Why {@code step} is skipped, or {@code null} if it runs. */
    static String skipReason(StepSpec step, Function<String, StepRun> states, Map<String, StepSpec> byId) {
        boolean reached = step.dependsOn().isEmpty();
        for (String dep : step.dependsOn()) {
            StepRun finished = states.apply(dep);
            StepStatus status = finished.status();
            if (status == StepStatus.FAILED || status == StepStatus.CANCELLED) {
                return BLOCKED + "step '" + dep + "' " + status.name().toLowerCase(java.util.Locale.ROOT);
            }
            if (status == StepStatus.SKIPPED && finished.error() != null && finished.error().startsWith(BLOCKED)) {
                return finished.error();
            }
            reached |= status == StepStatus.COMPLETED && chosen(byId.get(dep), finished, step.id());
        }
        return reached ? null : "not taken: every step it depends on was skipped or chose another branch";
    }

    /** Whether {@code dependency} lets {@code id} run: a condition only lets its chosen branch run. */
    private static boolean chosen(StepSpec dependency, StepRun finished, String id) {
        if (dependency.type() != StepType.CONDITION) {
            return true;
        }
        boolean result = Boolean.TRUE.equals(finished.output());
        return result ? !dependency.otherwise().contains(id) : !dependency.then().contains(id);
    }
}
