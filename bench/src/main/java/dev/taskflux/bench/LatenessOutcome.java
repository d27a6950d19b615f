package dev.taskflux.bench;

import java.time.Duration;

/**
 * What the lateness benchmark measured over its window of fires.
 *
 * @param creation    how long creating the tasks took
 * @param window      the span of fire times measured
 * @param settled     how long after the run the engine took to record the starts of the fires in the window
 * @param lateness    {@code started_at - fire_at} in milliseconds of the started instances in the window
 * @param recorded    {@code created_at - fire_at} of the same instances: when the fire became a row
 * @param unstarted   instances in the window that had not started by the end
 * @param rssReadyKib resident memory when the context was ready
 * @param rssPeakKib  highest resident memory sampled while running
 * @param rssEndKib   resident memory at the end
 * @param alarms      warnings and errors the engine logged
 */
record LatenessOutcome(Duration creation, Duration window, Duration settled, Percentiles lateness,
                       Percentiles recorded, long unstarted, long rssReadyKib, long rssPeakKib, long rssEndKib,
                       LogAlarms alarms) {

    /** The figures; {@code warmUp} and {@code tail} are named in the notes. */
    Report report(int tasks, Duration every, Duration warmUp, Duration tail) {
        double expected = tasks * (double) window.toMillis() / every.toMillis();
        Report report = new Report("lateness")
                .add("tasks", "interval tasks", tasks, "")
                .add("every_ms", "interval", every.toMillis(), "ms")
                .add("create_s", "create all definitions", creation.toMillis() / 1000.0, "s")
                .add("window_s", "fire window measured", window.toMillis() / 1000.0, "s")
                .add("expected", "fires expected in window (about)", Math.round(expected), "")
                .add("count", "instances started in window", lateness.count(), "")
                .add("unstarted", "instances in window not started by the end", unstarted, "")
                .add("settle_s", "time after the run until starts were written", settled.toMillis() / 1000.0, "s")
                .add("p50_ms", "lateness p50", lateness.p50(), "ms")
                .add("p90_ms", "lateness p90", lateness.p90(), "ms")
                .add("p99_ms", "lateness p99", lateness.p99(), "ms")
                .add("max_ms", "lateness max", lateness.max(), "ms")
                .add("recorded_p50_ms", "fire recorded as instance, p50 (created_at - fire_at)", recorded.p50(), "ms")
                .add("recorded_p99_ms", "fire recorded as instance, p99", recorded.p99(), "ms")
                .add("recorded_max_ms", "fire recorded as instance, max", recorded.max(), "ms")
                .add("rss_ready_mib", "RSS when context ready", ResidentMemory.mib(rssReadyKib), "MiB")
                .add("rss_peak_mib", "RSS peak while running", ResidentMemory.mib(rssPeakKib), "MiB")
                .add("rss_end_mib", "RSS at the end", ResidentMemory.mib(rssEndKib), "MiB")
                .add("log_warnings", "engine warnings logged", alarms.warnings(), "")
                .add("log_errors", "engine errors logged", alarms.errors(), "")
                .note("lateness = started_at - fire_at, from task_instance; fires in the first "
                        + warmUp.toSeconds() + " s after the first fire are left out as warm-up, and fires in the last "
                        + tail.toSeconds() + " s before the end are left out because they may not have started yet")
                .note("started_at is written by the engine's journal after the start; the figures are read once "
                        + "every fire in the window has a started_at, or when the settle time is up");
        alarms.first().forEach(report::note);
        return report;
    }
}
