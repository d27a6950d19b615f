package dev.taskflux.service.workflow.web;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.workflow.history.RunRetention;
import dev.taskflux.service.workflow.history.WorkflowStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Workflow statistics and the retention of finished runs, under {@code /api/v1}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflow runs", description = "Runs of workflow definitions and their steps")
class WorkflowHistoryController {

    private final WorkflowStatistics statistics;
    private final RunRetention retention;

    WorkflowHistoryController(WorkflowStatistics statistics, RunRetention retention) {
        this.statistics = statistics;
        this.retention = retention;
    }

    @GetMapping("/workflows/stats")
    @Operation(summary = "Runs by state, success rate and average duration, overall and per definition")
    Mono<WorkflowStatistics.Stats> stats(@RequestParam(required = false) String owner) {
        if (owner != null && owner.indexOf('\0') >= 0) {
            return Mono.error(InvalidArgumentException.of("owner", "must not contain NUL characters"));
        }
        return statistics.stats(owner);
    }

    @PostMapping("/workflow-runs/retention/run")
    @Operation(summary = "Remove finished workflow runs older than the retention age now")
    Mono<Map<String, Long>> runRetention() {
        return retention.purge().map(removed -> Map.of("removed", removed));
    }
}
