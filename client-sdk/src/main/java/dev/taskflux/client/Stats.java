package dev.taskflux.client;

import java.time.Instant;
import java.util.Map;

/**
 * Counts of definitions and instances by state.
 *
 * @param tasks       definitions by state name
 * @param instances   instances by state name
 * @param runs        instances in all
 * @param successRate completed over finished (completed, failed, timed out), {@code null} before any
 * @param nextFireAt  the earliest next fire of an active definition, {@code null} when none
 */
public record Stats(Map<String, Long> tasks, Map<String, Long> instances, long runs, Double successRate,
                    Instant nextFireAt) {
}
