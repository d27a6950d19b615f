package dev.taskflux.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * What phase 2 of the drain benchmark observed.
 *
 * @param launchedAt  when the engine's context began to start
 * @param readyAt     when it was running
 * @param doneAt      when the last completion was seen, or null after a timeout
 * @param completed   COMPLETED instances at the end
 * @param window      first start to last finish, as recorded
 * @param rssReadyKib resident memory when the context was ready
 * @param rssPeakKib  highest resident memory sampled while draining
 * @param rssEndKib   resident memory when the drain was done
 * @param jvmCpuNanos CPU time of this JVM from ready to done
 * @param dbCpuNanos  CPU time of the database's backends from ready to done, -1 if unknown
 * @param alarms      warnings and errors the engine logged
 */
record DrainOutcome(Instant launchedAt, Instant readyAt, Instant doneAt, long completed, Ledger.DrainWindow window,
                    long rssReadyKib, long rssPeakKib, long rssEndKib, long jvmCpuNanos, long dbCpuNanos,
                    LogAlarms alarms) {

    /** Whether every definition ran exactly once and completed, and nothing else ran. */
    boolean verified(int tasks) {
        return doneAt != null && window.definitions() == tasks && window.instances() == tasks
                && window.notCompletedOnce() == 0;
    }

    /** Executions per second from the first start to the last finish. */
    double executionsPerSecond() {
        return completed / seconds(window.firstStart(), window.lastFinish());
    }

    /** The figures of benchmark {@code name}, with the phase-1 creation time. */
    Report report(String name, int tasks, Duration creation) {
        double drain = seconds(window.firstStart(), window.lastFinish());
        double wall = doneAt == null ? Double.NaN : seconds(launchedAt, doneAt);
        Report report = new Report(name)
                .add("tasks", "tasks", tasks, "")
                .add("create_s", "phase 1: create all definitions", seconds(creation), "s")
                .add("create_per_s", "phase 1: creations per second", tasks / seconds(creation), "/s")
                .add("startup_s", "phase 2: context start to ready", seconds(launchedAt, readyAt), "s")
                .add("first_start_s", "phase 2: context start to first instance started",
                        seconds(launchedAt, window.firstStart()), "s")
                .add("drain_s", "drain: first started_at to last finished_at", drain, "s")
                .add("executions_per_s", "executions per second (drain)", executionsPerSecond(), "/s")
                .add("wall_s", "wall: context start to all COMPLETED", wall, "s")
                .add("wall_executions_per_s", "executions per second (wall)", tasks / wall, "/s")
                .add("write_lag_s", "last finished_at to all COMPLETED seen", seconds(window.lastFinish(), doneAt), "s")
                .add("rss_ready_mib", "RSS when phase-2 context ready", ResidentMemory.mib(rssReadyKib), "MiB")
                .add("rss_peak_mib", "RSS peak while draining", ResidentMemory.mib(rssPeakKib), "MiB")
                .add("rss_end_mib", "RSS when drained", ResidentMemory.mib(rssEndKib), "MiB")
                .add("jvm_cpu_us_per_execution", "JVM CPU per execution, ready to done", micros(jvmCpuNanos, completed),
                        "µs")
                .add("db_cpu_us_per_execution", "database backend CPU per execution, ready to done",
                        micros(dbCpuNanos, completed), "µs")
                .add("completed", "COMPLETED instances", completed, "")
                .add("instances", "instance rows", window.instances(), "")
                .add("not_completed_once", "definitions without exactly one COMPLETED", window.notCompletedOnce(), "")
                .add("verified", "every definition completed exactly once", verified(tasks), "")
                .add("log_warnings", "engine warnings logged", alarms.warnings(), "")
                .add("log_errors", "engine errors logged", alarms.errors(), "");
        report.note("started_at and finished_at are the engine's in-memory clock readings, written later by its "
                + "journal; wall and write lag are measured by polling the database every 50 ms");
        if (doneAt == null) {
            report.note("TIMED OUT before all instances completed");
        }
        alarms.first().forEach(report::note);
        return report;
    }

    private static double micros(long nanos, long executions) {
        return nanos < 0 || executions == 0 ? Double.NaN : nanos / 1e3 / executions;
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? Double.NaN : seconds(Duration.between(from, to));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
