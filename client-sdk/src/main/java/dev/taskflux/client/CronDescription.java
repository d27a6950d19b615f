package dev.taskflux.client;

import java.time.Instant;
import java.util.List;

/**
 * What a cron expression means; an invalid expression is an answer, not an error.
 *
 * @param expression  the expression as given
 * @param timezone    the zone fires are computed in
 * @param valid       whether it parses
 * @param description a human description, {@code null} when invalid
 * @param nextFires   the next fires, oldest first
 * @param error       why it is invalid, {@code null} when valid
 */
public record CronDescription(String expression, String timezone, boolean valid, String description,
                              List<Instant> nextFires, String error) {
}
