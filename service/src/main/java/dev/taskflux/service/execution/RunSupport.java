package dev.taskflux.service.execution;

import java.time.Clock;
import reactor.core.scheduler.Scheduler;

/**
 * What every {@link InstanceRun} shares.
 *
 * @param transitions where state changes go
 * @param clock       the service clock
 * @param scheduler   timeouts and backoff delays run here (virtual in tests)
 * @param backoff     retry delays
 * @param results     result encoding and size cap
 */
record RunSupport(Transitions transitions, Clock clock, Scheduler scheduler, Backoff backoff, ResultLimiter results) {
}
