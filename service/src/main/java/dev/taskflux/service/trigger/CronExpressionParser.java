package dev.taskflux.service.trigger;

import com.cronutils.model.Cron;
import dev.taskflux.api.error.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the text of a cron trigger into a cron-utils {@link Cron}, rejecting what cron-utils would
 * accept but evaluate wrongly, and naming the offending field when cron-utils does not.
 */
final class CronExpressionParser {

    /** The violation field every rejection names. */
    static final String FIELD = "trigger.expression";

    static final List<String> MACROS =
            List.of("@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually");

    private static final String CRON_UTILS_PREFIX = "Failed to parse cron expression. ";

    private CronExpressionParser() {
    }

    /**
     * Parses {@code expression}.
     *
     * @throws InvalidArgumentException on {@value #FIELD} saying what is wrong
     */
    static Cron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw invalid("is required");
        }
        String text = expression.trim();
        if (text.startsWith("@")) {
            return macro(text);
        }
        String[] fields = text.split("\\s+");
        CronDialect dialect = CronDialect.withFieldCount(fields.length).orElseThrow(() -> invalid("'" + text
                + "' has " + fields.length + " fields; expected 5 (minute hour day-of-month month day-of-week),"
                + " 6 (second minute hour day-of-month month day-of-week, day-of-week 1-7 = Monday-Sunday)"
                + " or a macro such as @daily"));
        String[] tokens = normalise(dialect, fields);
        rejectMisread(dialect, tokens);
        try {
            return dialect.parser().parse(String.join(" ", tokens)).validate();
        } catch (RuntimeException e) {
            throw invalid(blame(dialect, fields, tokens).orElse("'" + text + "' is invalid: " + reason(e)));
        }
    }

    private static Cron macro(String text) {
        String macro = text.toLowerCase(Locale.ROOT);
        if (!MACROS.contains(macro)) {
            throw invalid("macro '" + text + "' is not supported; use one of " + String.join(", ", MACROS));
        }
        return CronDialect.UNIX.parser().parse(macro);
    }

    /**
     * Upper-cases names and special characters. In 5-field expressions cron-utils maps the name SUN
     * to 7, which breaks ranges that start on Sunday ({@code SUN-SAT} would read 7-6), so SUN that
     * does not end a range becomes 0.
     */
    private static String[] normalise(CronDialect dialect, String[] fields) {
        String[] tokens = Arrays.stream(fields).map(f -> f.toUpperCase(Locale.ROOT)).toArray(String[]::new);
        if (dialect == CronDialect.UNIX) {
            int dow = dialect.dayOfWeekIndex();
            tokens[dow] = tokens[dow].replaceAll("(?<!-)SUN", "0");
        }
        return tokens;
    }

    /** Forms cron-utils parses but evaluates differently from what they say. */
    private static void rejectMisread(CronDialect dialect, String[] tokens) {
        String dow = tokens[dialect.dayOfWeekIndex()];
        // cron-utils describes a bare L as "last Sunday of the month" but fires on every Sunday.
        if (Arrays.asList(dow.split(",")).contains("L")) {
            throw invalid("day-of-week field 'L' is ambiguous; use nL for the last given weekday of the month,"
                    + " for example 5L");
        }
        // cron-utils accepts this and then never fires.
        if (dow.equals("?") && tokens[dialect.dayOfMonthIndex()].equals("?")) {
            throw invalid("day-of-month and day-of-week cannot both be '?'");
        }
    }

    /**
     * Finds the first field that fails on its own, by parsing it with every other field set to
     * {@code *}, because cron-utils' messages do not say which field they are about.
     */
    private static Optional<String> blame(CronDialect dialect, String[] original, String[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            String[] probe = new String[tokens.length];
            Arrays.fill(probe, "*");
            probe[i] = tokens[i];
            try {
                dialect.parser().parse(String.join(" ", probe));
            } catch (RuntimeException e) {
                return Optional.of(dialect.fieldNames().get(i) + " field '" + original[i] + "' is invalid: "
                        + reason(e));
            }
        }
        return Optional.empty();
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.startsWith(CRON_UTILS_PREFIX) ? message.substring(CRON_UTILS_PREFIX.length()) : message;
    }

    private static InvalidArgumentException invalid(String reason) {
        return InvalidArgumentException.of(FIELD, reason);
    }
}
