package dev.taskflux.service.trigger;

import dev.taskflux.api.error.InvalidArgumentException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a cron expression means, for the {@code /cron/describe} endpoint: an invalid expression is
 * an answer ({@code valid = false}), not an error.
 *
 * @param expression  the expression as given
 * @param timezone    the IANA zone the fires are computed in
 * @param valid       whether the expression parses
 * @param description a human description, {@code null} when invalid
 * @param nextFires   the next fires after the reference time, oldest first; empty when invalid
 * @param error       why the expression is invalid, {@code null} when valid
 */
public record CronDescription(String expression, String timezone, boolean valid, String description,
        List<Instant> nextFires, String error) {

    /** The most fires one description lists, so one request cannot ask for unbounded work. */
    public static final int MAX_FIRES = 100;

    private static final ZoneId UTC = ZoneId.of("UTC");

    public CronDescription {
        nextFires = nextFires == null ? List.of() : List.copyOf(nextFires);
    }

    /** Describes {@code expression} in English; see {@link #of(String, ZoneId, Instant, int, Locale)}. */
    public static CronDescription of(String expression, ZoneId zone, Instant now, int count) {
        return of(expression, zone, now, count, Locale.ENGLISH);
    }

    /**
     * Describes {@code expression} evaluated in {@code zone} (UTC when {@code null}), with its
     * next {@code count} fires strictly after {@code now} (0 to {@value #MAX_FIRES}; fewer when
     * the expression stops firing).
     */
    public static CronDescription of(String expression, ZoneId zone, Instant now, int count, Locale locale) {
        ZoneId effectiveZone = zone == null ? UTC : zone;
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(expression);
        } catch (InvalidArgumentException e) {
            return new CronDescription(expression, effectiveZone.getId(), false, null, List.of(),
                    e.violations().get(0).reason());
        }
        List<Instant> fires = new ArrayList<>();
        Instant after = now;
        while (fires.size() < Math.min(count, MAX_FIRES)) {
            Optional<Instant> fire = schedule.nextAfter(after, effectiveZone);
            if (fire.isEmpty()) {
                break;
            }
            fires.add(fire.get());
            after = fire.get();
        }
        return new CronDescription(expression, effectiveZone.getId(), true, schedule.describe(locale), fires, null);
    }
}
