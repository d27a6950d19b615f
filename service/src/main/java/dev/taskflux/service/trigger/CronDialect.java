package dev.taskflux.service.trigger;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.List;
import java.util.Optional;

/**
 * The two cron layouts Taskflux accepts, told apart by their number of fields.
 *
 * <p>Neither is one of cron-utils' stock definitions. Its Quartz definition insists on {@code ?} in
 * day-of-month or day-of-week, so {@code 0 0 9 * * *} would be rejected, and it numbers weekdays
 * 1 = Sunday. Its Spring definition numbers them 0-7 from Sunday. Ours number the 6-field weekday
 * 1-7 from Monday, as the seed documentation promises.
 */
enum CronDialect {

    /**
     * {@code minute hour day-of-month month day-of-week}, weekday 0-7 with Sunday 0 or 7, plus the
     * macros. {@code ?} is left out on purpose: without it cron-utils treats a restricted
     * day-of-month and day-of-week as "either matches", which is what crontab does.
     */
    UNIX(List.of("minute", "hour", "day-of-month", "month", "day-of-week"), CronDefinitionBuilder.defineCron()
            .withMinutes().withStrictRange().and()
            .withHours().withStrictRange().and()
            .withDayOfMonth().supportsL().supportsW().supportsLW().withStrictRange().and()
            .withMonth().withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
                    .supportsHash().supportsL().withStrictRange().and()
            .withSupportedNicknameHourly()
            .withSupportedNicknameDaily()
            .withSupportedNicknameMidnight()
            .withSupportedNicknameWeekly()
            .withSupportedNicknameMonthly()
            .withSupportedNicknameYearly()
            .withSupportedNicknameAnnually()
            .instance()),

    /**
     * {@code second minute hour day-of-month month day-of-week}, weekday 1-7 with Monday 1 and
     * Sunday 7. A restricted day-of-month and day-of-week must both match, as in Spring.
     */
    SECONDS(List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week"),
            CronDefinitionBuilder.defineCron()
                .withSeconds().withStrictRange().and()
                .withMinutes().withStrictRange().and()
                .withHours().withStrictRange().and()
                .withDayOfMonth().supportsL().supportsW().supportsLW().supportsQuestionMark().withStrictRange().and()
                .withMonth().withStrictRange().and()
                .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(1)
                        .supportsHash().supportsL().supportsQuestionMark().withStrictRange().and()
                .instance());

    private final List<String> fieldNames;
    private final CronParser parser;

    CronDialect(List<String> fieldNames, CronDefinition definition) {
        this.fieldNames = fieldNames;
        this.parser = new CronParser(definition);
    }

    /** The dialect with {@code count} fields, if any. */
    static Optional<CronDialect> withFieldCount(int count) {
        for (CronDialect dialect : values()) {
            if (dialect.fieldNames.size() == count) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /** Field names in expression order, as used in error messages. */
    List<String> fieldNames() {
        return fieldNames;
    }

    /** Where the day-of-week field sits. */
    int dayOfWeekIndex() {
        return fieldNames.size() - 1;
    }

    /** Where the day-of-month field sits. */
    int dayOfMonthIndex() {
        return fieldNames.size() - 3;
    }

    /** A cron-utils parser for this layout; thread-safe. */
    CronParser parser() {
        return parser;
    }
}
