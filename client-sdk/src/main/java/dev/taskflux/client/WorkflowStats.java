package dev.taskflux.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Workflow statistics, overall and per definition.
 *
 * @param definitions live workflow definitions
 * @param overall     the runs of every definition
 * @param workflows   the runs of each definition, most runs first
 */
public record WorkflowStats(long definitions, Tally overall, List<PerWorkflow> workflows) {

    public WorkflowStats {
        workflows = List.copyOf(workflows);
    }

    /**
     * Counts of a set of runs.
     *
     * @param runs            runs by state name
     * @param total           every run
     * @param successRate     completed over completed and failed, {@code null} before any
     * @param averageDuration mean duration of finished runs, {@code null} before any
     */
    public record Tally(Map<String, Long> runs, long total, Double successRate, Duration averageDuration) {

        public Tally {
            runs = Map.copyOf(runs);
        }
    }

    /**
     * The runs of one definition.
     *
     * @param workflowId the definition
     * @param name       its name
     * @param tally      its runs
     */
    public record PerWorkflow(UUID workflowId, String name, Tally tally) {
    }
}
