package dev.taskflux.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskflux.api.error.FieldViolation;
import dev.taskflux.api.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rejected cron form names {@code trigger.expression} and says what is wrong. */
class CronScheduleRejectTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', textBlock = """
            ''                      | is required
            '   '                   | is required
            hello world             | has 2 fields; expected 5
            * * *                   | has 3 fields; expected 5
            * * * * * * *           | has 7 fields; expected 5
            60 * * * *              | minute field '60' is invalid: Value 60 not in range [0, 59]
            0 24 * * *              | hour field '24' is invalid: Value 24 not in range [0, 23]
            0 9 0 * *               | day-of-month field '0' is invalid
            0 9 * 13 *              | month field '13' is invalid
            0 9 * * 8               | day-of-week field '8' is invalid: Value 8 not in range [0, 7]
            0 9 * * FOO             | day-of-week field 'FOO' is invalid
            x 9 * * *               | minute field 'x' is invalid
            5-1 * * * *             | minute field '5-1' is invalid: Invalid range
            */0 * * * *             | minute field '*/0' is invalid
            0 9 * * 1,              | day-of-week field '1,' is invalid
            0 9 ? * 1               | day-of-month field '?' is invalid
            61 0 9 * * *            | second field '61' is invalid: Value 61 not in range [0, 59]
            0 0 25 * * *            | hour field '25' is invalid
            0 0 9 32 * *            | day-of-month field '32' is invalid: Value 32 not in range [1, 31]
            0 0 9 * 13 *            | month field '13' is invalid: Value 13 not in range [1, 12]
            0 0 9 * * 0             | day-of-week field '0' is invalid: Value 0 not in range [1, 7]
            0 0 9 * * 8             | day-of-week field '8' is invalid
            0 0 9 * * 7-1           | day-of-week field '7-1' is invalid: Invalid range
            0 0 9 * ? *             | month field '?' is invalid
            0 0 9 ? * ?             | day-of-month and day-of-week cannot both be '?'
            0 9 * * L               | day-of-week field 'L' is ambiguous
            0 0 9 ? * L             | day-of-week field 'L' is ambiguous
            @reboot                 | macro '@reboot' is not supported; use one of @hourly, @daily
            @every 5m               | macro '@every 5m' is not supported
            """)
    void rejectsWithTheFieldAndTheReason(String expression, String reason) {
        assertThat(rejection(expression).reason()).contains(reason);
    }

    @Test
    void rejectsNull() {
        assertThat(rejection(null).reason()).isEqualTo("is required");
    }

    @Test
    void theFieldCountMessageExplainsBothLayouts() {
        assertThat(rejection("* * *").reason()).contains("minute hour day-of-month month day-of-week")
                .contains("1-7 = Monday-Sunday").contains("@daily");
    }

    private static FieldViolation rejection(String expression) {
        InvalidArgumentException e = catchThrowableOfType(InvalidArgumentException.class,
                () -> CronSchedule.parse(expression));
        assertThat(e).as("rejection of [%s]", expression).isNotNull();
        assertThat(e.violations()).hasSize(1);
        assertThat(e.violations().get(0).field()).isEqualTo("trigger.expression");
        return e.violations().get(0);
    }
}
