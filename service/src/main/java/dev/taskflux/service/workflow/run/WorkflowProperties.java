package dev.taskflux.service.workflow.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Workflow run settings, under {@code taskflux.workflow}. Leases and their heartbeat follow
 * {@code taskflux.scheduler}.
 *
 * @param defaultConcurrency items a MAP step or pipeline stage handles at once when it names no concurrency
 * @param progressInterval   a running MAP or PIPELINE step's progress is written at most this often
 * @param batchSize          most run and step changes written in one transaction
 * @param batchDelay         how long a change may wait for others to share its transaction
 * @param resumeBatch        most unfinished runs taken over from stopped nodes per heartbeat
 */
@ConfigurationProperties("taskflux.workflow")
public record WorkflowProperties(
        @DefaultValue("16") int defaultConcurrency,
        @DefaultValue("500ms") Duration progressInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("5ms") Duration batchDelay,
        @DefaultValue("50") int resumeBatch) {

    /** The defaults, for code built without Spring. */
    public static WorkflowProperties defaults() {
        return new WorkflowProperties(16, Duration.ofMillis(500), 500, Duration.ofMillis(5), 50);
    }
}
