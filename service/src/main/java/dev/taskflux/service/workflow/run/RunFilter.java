package dev.taskflux.service.workflow.run;

import java.util.ArrayList;
import java.util.List;

/** The {@code WHERE} clause of a run query and the values it binds, from {@code $1} on. */
record RunFilter(String where, List<Object> values) {

    static RunFilter of(WorkflowRuns.RunQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        add(conditions, values, "workflow_id", query.workflowId());
        add(conditions, values, "owner", query.owner());
        add(conditions, values, "status", query.status() == null ? null : query.status().name());
        add(conditions, values, "parent_run_id", query.parentRunId());
        add(conditions, values, "task_instance_id", query.taskInstanceId());
        return new RunFilter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), values);
    }

    private static void add(List<String> conditions, List<Object> values, String column, Object value) {
        if (value != null) {
            values.add(value);
            conditions.add(column + " = $" + values.size());
        }
    }
}
