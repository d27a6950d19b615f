package dev.taskflux.service.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every Taskflux setting, under the {@code taskflux} prefix. Defaults live here and nowhere else.
 *
 * @param node      this node's identity
 * @param scheduler dispatching, leases and misfires
 * @param retention how long history is kept
 * @param limits    request size limits
 * @param workers   remote workers connected over gRPC
 * @param events    the lifecycle event log and its streams
 */
@ConfigurationProperties("taskflux")
public record TaskfluxProperties(
        @DefaultValue Node node,
        @DefaultValue Scheduler scheduler,
        @DefaultValue Retention retention,
        @DefaultValue Limits limits,
        @DefaultValue Workers workers,
        @DefaultValue Events events) {

    /**
     * This node.
     *
     * @param id name written as lease owner; give each node a stable id so a restarted node takes
     *           back its own work at once instead of waiting for its leases to expire. Empty means
     *           a random id per start.
     */
    public record Node(@DefaultValue("") String id) {
    }

    /**
     * The dispatcher.
     *
     * @param pollInterval      how often the database is asked for due work
     * @param lookahead         fires due within this window are claimed early and started by an
     *                          in-memory timer, so they start on time
     * @param batchSize         most fires or instances handled per database round trip
     * @param maxConcurrency    most instances running on this node at once
     * @param leaseDuration     how long a claim lasts without a heartbeat
     * @param heartbeatInterval how often this node extends its leases
     * @param startHold         how long the start of an attempt waits to be written together with
     *                          what follows it, so that a run ending within it is written once; zero
     *                          writes every start at once
     * @param misfireThreshold  how late a fire may start before it counts as missed
     * @param catchUpWindow     FIRE_ALL runs missed fires no older than this
     * @param catchUpLimit      FIRE_ALL runs at most this many missed fires
     * @param enabled           whether this node runs the dispatcher (off: API only)
     */
    public record Scheduler(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("2s") Duration lookahead,
            @DefaultValue("500") int batchSize,
            @DefaultValue("1024") int maxConcurrency,
            @DefaultValue("30s") Duration leaseDuration,
            @DefaultValue("10s") Duration heartbeatInterval,
            @DefaultValue("20ms") Duration startHold,
            @DefaultValue("5s") Duration misfireThreshold,
            @DefaultValue("1h") Duration catchUpWindow,
            @DefaultValue("100") int catchUpLimit,
            @DefaultValue("true") boolean enabled) {
    }

    /**
     * History retention.
     *
     * @param instanceAge    finished instances older than this are removed
     * @param interval       how often the removal runs
     * @param workflowRunAge finished workflow runs older than this are removed, with their steps
     */
    public record Retention(
            @DefaultValue("7d") Duration instanceAge,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("7d") Duration workflowRunAge) {
    }

    /**
     * Request limits.
     *
     * @param maxParamsSize largest {@code params} object, as JSON
     * @param maxResultSize largest stored handler result, as JSON; larger ones are truncated
     */
    public record Limits(
            @DefaultValue("64KB") DataSize maxParamsSize,
            @DefaultValue("256KB") DataSize maxResultSize) {
    }

    /**
     * Remote workers: processes that serve handlers over the gRPC worker stream.
     *
     * @param handlers          handler names served only by remote workers, accepted for new tasks
     *                          even while no worker serving them is connected (their instances wait
     *                          as PENDING until one is); names a worker announces are accepted
     *                          from then on as well
     * @param heartbeatInterval how often connected workers are asked to send a heartbeat
     * @param heartbeatTimeout  a worker silent this long is disconnected and its attempts fail
     * @param maxCapacity       most attempts one worker may ask to run at once
     */
    public record Workers(
            @DefaultValue List<String> handlers,
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("15s") Duration heartbeatTimeout,
            @DefaultValue("10000") int maxCapacity) {
    }

    /**
     * The lifecycle event log and the streams that deliver it.
     *
     * @param retention        events older than this are removed
     * @param pollInterval     how often the log is read when no wake-up came (a safety net for missed
     *                         notifications from other nodes)
     * @param heartbeat        how often an idle stream sends a keep-alive
     * @param subscriberBuffer events queued at most for one subscriber; one that falls further behind is
     *                         cut off and resumes from its last sequence
     * @param readBatch        events read from the log per query
     */
    public record Events(
            @DefaultValue("7d") Duration retention,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("15s") Duration heartbeat,
            @DefaultValue("4096") int subscriberBuffer,
            @DefaultValue("1000") int readBatch) {
    }
}
