package dev.taskflux.service.trigger;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import dev.taskflux.api.error.InvalidArgumentException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * A parsed cron expression and the instants it fires at in a time zone.
 *
 * <p>Accepted forms: 5-field Unix ({@code minute hour day-of-month month day-of-week}, weekday
 * 0-7 with Sunday 0 or 7; a restricted day-of-month and day-of-week fire when either matches),
 * 6-field with seconds first ({@code second minute hour day-of-month month day-of-week}, weekday
 * 1-7 = Monday-Sunday, {@code ?} allowed; a restricted day-of-month and day-of-week must both
 * match), names {@code MON-SUN} and {@code JAN-DEC} in any case, {@code L}, {@code W},
 * {@code LW}, {@code nL} and {@code n#k}, and the macros {@code @hourly}, {@code @daily},
 * {@code @midnight}, {@code @weekly}, {@code @monthly}, {@code @yearly} and {@code @annually}.
 * A bare {@code L} in day-of-week is rejected as ambiguous, and so is {@code ?} in both day fields.
 *
 * <p>Fires follow wall-clock time across daylight-saving transitions: a fire in a skipped hour
 * runs once at the first instant after the gap (02:30 on a 02:00→03:00 night runs at 03:00, and
 * all fires in the gap collapse into that one run); a fire in a repeated hour runs once, at its
 * first occurrence, so an hourly expression has no fire in the second pass of a repeated hour.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CronSchedule {

    /** Far more steps than any DST transition needs; only a cron-utils defect could exhaust it. */
    private static final int MAX_STEPS = 1_000;

    private static final String MESSAGES = "com.cronutils.CronUtilsI18N";

    private final String expression;
    private final Cron cron;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, Cron cron) {
        this.expression = expression;
        this.cron = cron;
        this.executionTime = ExecutionTime.forCron(cron);
    }

    /**
     * Parses a cron expression; 5 or 6 fields are told apart by counting them.
     *
     * @throws InvalidArgumentException on {@code trigger.expression} when the expression is blank,
     *                                  has the wrong number of fields, a value out of range or
     *                                  anything else cron-utils cannot read
     */
    public static CronSchedule parse(String expression) {
        Cron cron = CronExpressionParser.parse(expression);
        return new CronSchedule(expression.trim(), cron);
    }

    /** The expression as written, without surrounding blanks. */
    public String expression() {
        return expression;
    }

    /**
     * The first fire strictly after {@code after}, evaluated in {@code zone}.
     *
     * @return empty when the expression never fires again (for example {@code 0 0 0 30 2 *})
     */
    public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
        LocalDateTime cursor = WallClock.searchFrom(after, zone);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<LocalDateTime> local = step(cursor, executionTime::nextExecution);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            Instant fire = WallClock.resolve(local.get(), zone);
            if (fire.isAfter(after)) {
                return Optional.of(fire);
            }
            cursor = local.get();
        }
        throw new IllegalStateException("no progress finding the fire of '" + expression + "' after " + after);
    }

    /**
     * The last fire strictly before {@code before}, evaluated in {@code zone}; the mirror of
     * {@link #nextAfter}, used to find missed fires without walking forward through all of them.
     */
    Optional<Instant> lastBefore(Instant before, ZoneId zone) {
        LocalDateTime cursor = WallClock.searchBackFrom(before, zone);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<LocalDateTime> local = step(cursor, executionTime::lastExecution);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            Instant fire = WallClock.resolve(local.get(), zone);
            if (fire.isBefore(before)) {
                return Optional.of(fire);
            }
            cursor = WallClock.continueBackFrom(local.get(), zone);
        }
        throw new IllegalStateException("no progress finding the fire of '" + expression + "' before " + before);
    }

    /**
     * A human description such as "every 5 minutes", in {@code locale} where cron-utils has a
     * translation and in English otherwise.
     */
    public String describe(Locale locale) {
        try {
            return descriptor(locale).describe(cron);
        } catch (RuntimeException e) {
            // The descriptor fails on some valid combinations; the expression still describes itself.
            return expression;
        }
    }

    /**
     * {@link CronDescriptor#instance(Locale)} falls back to the JVM's default locale, so the same
     * request would be described differently on differently configured hosts; this falls back to
     * cron-utils' base (English) texts instead.
     */
    private static CronDescriptor descriptor(Locale locale) {
        return new CronDescriptor(ResourceBundle.getBundle(MESSAGES, locale, CronDescriptor.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT)));
    }

    private static Optional<LocalDateTime> step(LocalDateTime cursor,
            Function<ZonedDateTime, Optional<ZonedDateTime>> search) {
        return search.apply(cursor.atZone(ZoneOffset.UTC))
                .map(found -> found.toLocalDateTime().truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule that && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression);
    }

    @Override
    public String toString() {
        return "CronSchedule[" + expression + "]";
    }
}
