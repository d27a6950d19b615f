package dev.taskflux.service.grpc;

import static dev.taskflux.proto.convert.ProtoValues.timestamp;

import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.proto.v1.CronDescription;
import dev.taskflux.proto.v1.DescribeCronRequest;
import dev.taskflux.proto.v1.GetStatsRequest;
import dev.taskflux.proto.v1.ListUpcomingRequest;
import dev.taskflux.proto.v1.ListUpcomingResponse;
import dev.taskflux.proto.v1.Stats;
import dev.taskflux.proto.v1.UpcomingFire;
import dev.taskflux.service.task.TaskStatistics;
import dev.taskflux.service.task.UpcomingFires;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Statistics, upcoming fires and cron descriptions for the gRPC face, with the REST checks. */
@Component
class ScheduleQueries {

    private final TaskStatistics statistics;
    private final UpcomingFires upcoming;
    private final Clock clock;

    ScheduleQueries(TaskStatistics statistics, UpcomingFires upcoming, Clock clock) {
        this.statistics = statistics;
        this.upcoming = upcoming;
        this.clock = clock;
    }

    Mono<Stats> stats(GetStatsRequest request) {
        return statistics.stats(owner(request.getOwner())).map(s -> {
            Stats.Builder m = Stats.newBuilder().setRuns(s.runs());
            s.tasks().forEach((status, n) -> m.putTasks(status.name(), n));
            s.instances().forEach((status, n) -> m.putInstances(status.name(), n));
            if (s.successRate() != null) {
                m.setSuccessRate(s.successRate());
            }
            if (s.nextFireAt() != null) {
                m.setNextFireAt(timestamp(s.nextFireAt()));
            }
            return m.build();
        });
    }

    Mono<ListUpcomingResponse> upcoming(ListUpcomingRequest request) {
        return upcoming.next(owner(request.getOwner()), request.hasCount() ? request.getCount() : 10)
                .map(fires -> {
                    ListUpcomingResponse.Builder m = ListUpcomingResponse.newBuilder();
                    fires.forEach(f -> m.addFires(UpcomingFire.newBuilder().setTaskId(f.taskId().toString())
                            .setName(f.name() == null ? "" : f.name()).setFireAt(timestamp(f.fireAt()))));
                    return m.build();
                });
    }

    Mono<CronDescription> describe(DescribeCronRequest request) {
        return Mono.fromCallable(() -> {
            int count = request.hasCount() ? request.getCount() : 5;
            if (count < 1 || count > 100) {
                throw InvalidArgumentException.of("count", "must be between 1 and 100");
            }
            var d = dev.taskflux.service.trigger.CronDescription.of(request.getExpression(),
                    zone(request.getTimezone()), clock.instant(), count);
            CronDescription.Builder m = CronDescription.newBuilder().setExpression(d.expression())
                    .setTimezone(d.timezone()).setValid(d.valid())
                    .setDescription(d.description() == null ? "" : d.description())
                    .setError(d.error() == null ? "" : d.error());
            d.nextFires().forEach(fire -> m.addNextFires(timestamp(fire)));
            return m.build();
        });
    }

    private static String owner(String owner) {
        if (owner.indexOf('\0') >= 0) {
            throw InvalidArgumentException.of("owner", "must not contain NUL characters");
        }
        return owner.isEmpty() ? null : owner;
    }

    private static ZoneId zone(String timezone) {
        if (timezone.isEmpty()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw InvalidArgumentException.of("timezone", "unknown time zone '" + timezone + "'");
        }
    }
}
