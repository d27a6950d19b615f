package dev.taskflux.service.grpc;

import dev.taskflux.api.workflow.RunStatus;
import dev.taskflux.proto.convert.ProtoValues;
import dev.taskflux.proto.v1.RunTally;
import dev.taskflux.proto.v1.WorkflowStats;
import dev.taskflux.service.workflow.history.WorkflowStatistics;
import java.time.Duration;
import java.util.Map;

/** Workflow statistics as their protobuf message. */
final class WorkflowStatsMessages {

    private WorkflowStatsMessages() {
    }

    static WorkflowStats message(WorkflowStatistics.Stats s) {
        WorkflowStats.Builder m = WorkflowStats.newBuilder().setDefinitions(s.definitions())
                .setOverall(tally(s.runs(), s.total(), s.successRate(), s.averageDuration()));
        s.workflows().forEach(w -> m.addWorkflows(WorkflowStats.PerWorkflow.newBuilder()
                .setWorkflowId(w.workflowId().toString()).setName(w.name() == null ? "" : w.name())
                .setTally(tally(w.runs(), w.total(), w.successRate(), w.averageDuration()))));
        return m.build();
    }

    private static RunTally tally(Map<RunStatus, Long> runs, long total, Double successRate, Duration average) {
        RunTally.Builder m = RunTally.newBuilder().setTotal(total);
        runs.forEach((status, n) -> m.putRuns(status.name(), n));
        if (successRate != null) {
            m.setSuccessRate(successRate);
        }
        if (average != null) {
            m.setAverageDuration(ProtoValues.duration(average));
        }
        return m.build();
    }
}
