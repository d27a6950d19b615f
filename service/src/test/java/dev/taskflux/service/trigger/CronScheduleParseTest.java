package dev.taskflux.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every accepted cron form, checked by the fires it produces from Thursday 2026-01-01 00:00 UTC. */
class CronScheduleParseTest {

    private static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            */5 * * * *              | 2026-01-01T00:05:00Z 2026-01-01T00:10:00Z 2026-01-01T00:15:00Z
            30 8 1 * *               | 2026-01-01T08:30:00Z 2026-02-01T08:30:00Z 2026-03-01T08:30:00Z
            0 9 * * 1-5              | 2026-01-01T09:00:00Z 2026-01-02T09:00:00Z 2026-01-05T09:00:00Z
            0 9 * * 0                | 2026-01-04T09:00:00Z 2026-01-11T09:00:00Z 2026-01-18T09:00:00Z
            0 9 * * 7                | 2026-01-04T09:00:00Z 2026-01-11T09:00:00Z 2026-01-18T09:00:00Z
            0 9 * * SUN              | 2026-01-04T09:00:00Z 2026-01-11T09:00:00Z 2026-01-18T09:00:00Z
            0 9 * * sun-sat          | 2026-01-01T09:00:00Z 2026-01-02T09:00:00Z 2026-01-03T09:00:00Z
            0 9 * * Sat-Sun          | 2026-01-03T09:00:00Z 2026-01-04T09:00:00Z 2026-01-10T09:00:00Z
            0 9 * JAN,feb Mon        | 2026-01-05T09:00:00Z 2026-01-12T09:00:00Z 2026-01-19T09:00:00Z
            0 12 L * *               | 2026-01-31T12:00:00Z 2026-02-28T12:00:00Z 2026-03-31T12:00:00Z
            0 12 l * *               | 2026-01-31T12:00:00Z 2026-02-28T12:00:00Z 2026-03-31T12:00:00Z
            0 12 * * 5L              | 2026-01-30T12:00:00Z 2026-02-27T12:00:00Z 2026-03-27T12:00:00Z
            0 12 * * 1#1             | 2026-01-05T12:00:00Z 2026-02-02T12:00:00Z 2026-03-02T12:00:00Z
            '  0   9 * * *  '        | 2026-01-01T09:00:00Z 2026-01-02T09:00:00Z 2026-01-03T09:00:00Z
            0 0 9 * * 1-5            | 2026-01-01T09:00:00Z 2026-01-02T09:00:00Z 2026-01-05T09:00:00Z
            0 0 9 * * 7              | 2026-01-04T09:00:00Z 2026-01-11T09:00:00Z 2026-01-18T09:00:00Z
            0 0 9 * * 1              | 2026-01-05T09:00:00Z 2026-01-12T09:00:00Z 2026-01-19T09:00:00Z
            0 0 9 * * 6-7            | 2026-01-03T09:00:00Z 2026-01-04T09:00:00Z 2026-01-10T09:00:00Z
            0 0 9 * * *              | 2026-01-01T09:00:00Z 2026-01-02T09:00:00Z 2026-01-03T09:00:00Z
            0 0 9 ? * MON-FRI        | 2026-01-01T09:00:00Z 2026-01-02T09:00:00Z 2026-01-05T09:00:00Z
            0 0 9 1 * ?              | 2026-01-01T09:00:00Z 2026-02-01T09:00:00Z 2026-03-01T09:00:00Z
            0 0 9 * * sun            | 2026-01-04T09:00:00Z 2026-01-11T09:00:00Z 2026-01-18T09:00:00Z
            0 0 9 * jan-feb sat      | 2026-01-03T09:00:00Z 2026-01-10T09:00:00Z 2026-01-17T09:00:00Z
            */30 * * * * *           | 2026-01-01T00:00:30Z 2026-01-01T00:01:00Z 2026-01-01T00:01:30Z
            0 0 12 L * ?             | 2026-01-31T12:00:00Z 2026-02-28T12:00:00Z 2026-03-31T12:00:00Z
            0 0 12 15W * ?           | 2026-01-15T12:00:00Z 2026-02-16T12:00:00Z 2026-03-16T12:00:00Z
            0 0 12 LW * ?            | 2026-01-30T12:00:00Z 2026-02-27T12:00:00Z 2026-03-31T12:00:00Z
            0 0 12 ? * 5#2           | 2026-01-09T12:00:00Z 2026-02-13T12:00:00Z 2026-03-13T12:00:00Z
            0 0 12 ? * 5L            | 2026-01-30T12:00:00Z 2026-02-27T12:00:00Z 2026-03-27T12:00:00Z
            @hourly                  | 2026-01-01T01:00:00Z 2026-01-01T02:00:00Z 2026-01-01T03:00:00Z
            @daily                   | 2026-01-02T00:00:00Z 2026-01-03T00:00:00Z 2026-01-04T00:00:00Z
            @midnight                | 2026-01-02T00:00:00Z 2026-01-03T00:00:00Z 2026-01-04T00:00:00Z
            @DAILY                   | 2026-01-02T00:00:00Z 2026-01-03T00:00:00Z 2026-01-04T00:00:00Z
            @weekly                  | 2026-01-04T00:00:00Z 2026-01-11T00:00:00Z 2026-01-18T00:00:00Z
            @monthly                 | 2026-02-01T00:00:00Z 2026-03-01T00:00:00Z 2026-04-01T00:00:00Z
            @yearly                  | 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z 2029-01-01T00:00:00Z
            @annually                | 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z 2029-01-01T00:00:00Z
            """)
    void acceptedFormFiresAsDocumented(String expression, String expectedFires) {
        assertThat(firesOf(CronSchedule.parse(expression), 3, ZoneOffset.UTC))
                .containsExactlyElementsOf(instants(expectedFires));
    }

    @Test
    void fiveFieldFiresWhenEitherDayFieldMatchesAsCrontabDoes() {
        // Thursday the 1st matches the day of month; the Mondays match the weekday.
        assertThat(firesOf(CronSchedule.parse("0 9 1 * 1"), 3, ZoneOffset.UTC)).containsExactlyElementsOf(
                instants("2026-01-01T09:00:00Z 2026-01-05T09:00:00Z 2026-01-12T09:00:00Z"));
    }

    @Test
    void sixFieldFiresOnlyWhenBothDayFieldsMatchAsSpringDoes() {
        assertThat(firesOf(CronSchedule.parse("0 0 9 1 * 1"), 3, ZoneOffset.UTC)).containsExactlyElementsOf(
                instants("2026-06-01T09:00:00Z 2027-02-01T09:00:00Z 2027-03-01T09:00:00Z"));
    }

    @Test
    void evaluatesInTheGivenZone() {
        assertThat(CronSchedule.parse("0 0 9 * * *").nextAfter(NEW_YEAR, ZoneId.of("Europe/Berlin")))
                .contains(Instant.parse("2026-01-01T08:00:00Z"));
    }

    @Test
    void nextAfterIsStrictlyAfterAndIgnoresSubSecondParts() {
        CronSchedule daily = CronSchedule.parse("0 0 9 * * *");
        assertThat(daily.nextAfter(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-01-06T09:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-01-05T08:59:59.999999999Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-01-05T09:00:00Z"));
        // cron-utils alone would answer 09:00:01.5 here.
        assertThat(CronSchedule.parse("* * * * * *").nextAfter(Instant.parse("2026-01-05T09:00:00.5Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-01-05T09:00:01Z"));
    }

    @Test
    void lastBeforeIsStrictlyBeforeAndFindsAFireEarlierInTheSameSecond() {
        CronSchedule daily = CronSchedule.parse("0 0 9 * * *");
        assertThat(daily.lastBefore(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-01-04T09:00:00Z"));
        assertThat(daily.lastBefore(Instant.parse("2026-01-05T09:00:00.5Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2026-01-05T09:00:00Z"));
    }

    @Test
    void anExpressionThatNeverMatchesHasNoFire() {
        CronSchedule february30 = CronSchedule.parse("0 0 0 30 2 *");
        assertThat(february30.nextAfter(NEW_YEAR, ZoneOffset.UTC)).isEmpty();
        assertThat(february30.lastBefore(NEW_YEAR, ZoneOffset.UTC)).isEmpty();
    }

    @Test
    void keepsTheExpressionAsWrittenWithoutSurroundingBlanks() {
        assertThat(CronSchedule.parse("  0 0 9 * * MON ").expression()).isEqualTo("0 0 9 * * MON");
        assertThat(CronSchedule.parse("@daily").expression()).isEqualTo("@daily");
    }

    @Test
    void describesInEnglish() {
        assertThat(CronSchedule.parse("*/5 * * * *").describe(Locale.ENGLISH)).isEqualTo("every 5 minutes");
        assertThat(CronSchedule.parse("0 0 9 * * 1-5").describe(Locale.ENGLISH))
                .isEqualTo("at 09:00 every day between Monday and Friday");
        assertThat(CronSchedule.parse("0 0 9 * * 7").describe(Locale.ENGLISH)).contains("Sunday");
        assertThat(CronSchedule.parse("0 9 * * 0").describe(Locale.ENGLISH)).contains("Sunday");
    }

    @Test
    void describesInATranslatedLocaleAndFallsBackToEnglishNotTheHostLocale() {
        assertThat(CronSchedule.parse("0 0 9 * * 1-5").describe(Locale.GERMAN)).contains("Montag");
        assertThat(CronSchedule.parse("*/5 * * * *").describe(Locale.forLanguageTag("xx"))).contains("5 minutes");
    }

    static List<Instant> firesOf(CronSchedule schedule, int count, ZoneId zone) {
        List<Instant> fires = new ArrayList<>();
        Instant after = NEW_YEAR;
        for (int i = 0; i < count; i++) {
            Optional<Instant> fire = schedule.nextAfter(after, zone);
            if (fire.isEmpty()) {
                break;
            }
            fires.add(fire.get());
            after = fire.get();
        }
        return fires;
    }

    static List<Instant> instants(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).map(Instant::parse).toList();
    }
}
