package dev.taskflux.service.web;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.execution.InstanceRetention;
import dev.taskflux.service.task.TaskStatistics;
import dev.taskflux.service.task.UpcomingFires;
import dev.taskflux.service.trigger.CronDescription;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Statistics, the upcoming schedule, cron help and retention, under {@code /api/v1}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Schedule", description = "Statistics, upcoming fires, cron descriptions and retention")
class ScheduleController {

    private final TaskStatistics statistics;
    private final UpcomingFires upcoming;
    private final InstanceRetention retention;
    private final Clock clock;

    ScheduleController(TaskStatistics statistics, UpcomingFires upcoming, InstanceRetention retention, Clock clock) {
        this.statistics = statistics;
        this.upcoming = upcoming;
        this.retention = retention;
        this.clock = clock;
    }

    @GetMapping("/stats")
    @Operation(summary = "Counts by state, runs, success rate and the next fire")
    Mono<TaskStatistics.Stats> stats(@RequestParam(required = false) String owner) {
        return Mono.fromCallable(() -> checkedOwner(owner)).then(statistics.stats(owner));
    }

    @GetMapping("/schedule/upcoming")
    @Operation(summary = "The next N fires across all active tasks")
    Mono<List<UpcomingFires.Fire>> upcoming(@RequestParam(defaultValue = "10") int count,
                                            @RequestParam(required = false) String owner) {
        return Mono.fromCallable(() -> checkedOwner(owner)).then(upcoming.next(owner, count));
    }

    @GetMapping("/cron/describe")
    @Operation(summary = "Check a cron expression, describe it and list its next fire times")
    Mono<CronDescription> describe(@RequestParam String expression,
                                   @RequestParam(defaultValue = "UTC") String timezone,
                                   @RequestParam(defaultValue = "5") int count) {
        return Mono.fromCallable(() -> {
            if (count < 1 || count > 100) {
                throw InvalidArgumentException.of("count", "must be between 1 and 100");
            }
            return CronDescription.of(expression, zone(timezone), clock.instant(), count);
        });
    }

    @PostMapping("/retention/run")
    @Operation(summary = "Remove finished instances older than the retention age now")
    Mono<Map<String, Long>> runRetention() {
        return retention.purge().map(removed -> Map.of("removed", removed));
    }

    private static String checkedOwner(String owner) {
        if (owner != null && owner.indexOf('\0') >= 0) {
            throw InvalidArgumentException.of("owner", "must not contain NUL characters");
        }
        return "";
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw InvalidArgumentException.of("timezone", "unknown time zone '" + timezone + "'");
        }
    }
}
