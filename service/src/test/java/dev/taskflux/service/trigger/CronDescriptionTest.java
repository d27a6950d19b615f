package dev.taskflux.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CronDescriptionTest {

    private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void describesAValidExpressionWithItsNextFires() {
        CronDescription description = CronDescription.of("0 0 9 * * 1-5", BERLIN, NEW_YEAR, 3);
        assertThat(description).isEqualTo(new CronDescription("0 0 9 * * 1-5", "Europe/Berlin", true,
                "at 09:00 every day between Monday and Friday",
                CronScheduleParseTest.instants("2026-01-01T08:00:00Z 2026-01-02T08:00:00Z 2026-01-05T08:00:00Z"),
                null));
    }

    @Test
    void anInvalidExpressionIsAnAnswerNotAnError() {
        CronDescription description = CronDescription.of("61 * * * *", BERLIN, NEW_YEAR, 3);
        assertThat(description.valid()).isFalse();
        assertThat(description.error()).startsWith("minute field '61' is invalid");
        assertThat(description.description()).isNull();
        assertThat(description.nextFires()).isEmpty();
        assertThat(description.timezone()).isEqualTo("Europe/Berlin");
        assertThat(CronDescription.of(null, BERLIN, NEW_YEAR, 3).error()).isEqualTo("is required");
    }

    @Test
    void anExpressionThatNeverFiresIsValidWithoutFires() {
        CronDescription description = CronDescription.of("0 0 0 30 2 *", BERLIN, NEW_YEAR, 3);
        assertThat(description.valid()).isTrue();
        assertThat(description.nextFires()).isEmpty();
    }

    @Test
    void theNumberOfFiresIsBounded() {
        assertThat(CronDescription.of("* * * * * *", BERLIN, NEW_YEAR, 500).nextFires())
                .hasSize(CronDescription.MAX_FIRES);
        assertThat(CronDescription.of("* * * * * *", BERLIN, NEW_YEAR, -1).nextFires()).isEmpty();
    }

    @Test
    void defaultsToUtcAndDescribesInTheRequestedLocale() {
        CronDescription description = CronDescription.of("@daily", null, NEW_YEAR, 1, Locale.GERMAN);
        assertThat(description.timezone()).isEqualTo("UTC");
        assertThat(description.nextFires()).containsExactly(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(description.description()).isNotBlank().doesNotContain("at 00:00");
    }
}
