package dev.taskflux.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Daylight-saving rules: a fire in a skipped hour runs once at the end of the gap, a fire in a
 * repeated hour runs once at its first occurrence, and frequent expressions follow wall-clock
 * time, so the repeated hour's fires happen once.
 */
class CronScheduleDstTest {

    /** 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z). */
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z). */
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 2026-04-05 03:00 AEDT -> 02:00 AEST (16:00Z the 4th); 2026-10-04 02:00 AEST -> 03:00 AEDT (16:00Z the 3rd). */
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    @Test
    void newYorkFireInTheSpringGapRunsOnceWhenTheGapEnds() {
        assertThat(fires(NEW_YORK, "0 30 2 * * *", "2026-03-07T12:00:00Z", 2))
                .containsExactly(at("2026-03-08T07:00:00Z"), at("2026-03-09T06:30:00Z"));
        assertThat(fires(NEW_YORK, "30 2 * * *", "2026-03-07T12:00:00Z", 2))
                .containsExactly(at("2026-03-08T07:00:00Z"), at("2026-03-09T06:30:00Z"));
    }

    @Test
    void newYorkEveryFireInTheSpringGapCollapsesIntoOneRun() {
        // 02:00 to 02:59 each minute: none exists on the 8th, so one run at 03:00 EDT.
        assertThat(fires(NEW_YORK, "0 * 2 * * *", "2026-03-08T06:00:00Z", 2))
                .containsExactly(at("2026-03-08T07:00:00Z"), at("2026-03-09T06:00:00Z"));
    }

    @Test
    void newYorkHourlyLosesOnlyTheMissingHourInSpring() {
        // 01:00 EST, then 02:00 (missing) and 03:00 run as one at 03:00 EDT, then 04:00 EDT.
        assertThat(fires(NEW_YORK, "0 0 * * * *", "2026-03-08T05:30:00Z", 3)).containsExactly(
                at("2026-03-08T06:00:00Z"), at("2026-03-08T07:00:00Z"), at("2026-03-08T08:00:00Z"));
    }

    @Test
    void newYorkFireInTheRepeatedHourRunsOnlyAtItsFirstOccurrence() {
        assertThat(fires(NEW_YORK, "0 30 1 * * *", "2026-10-31T12:00:00Z", 2))
                .containsExactly(at("2026-11-01T05:30:00Z"), at("2026-11-02T06:30:00Z"));
        assertThat(fires(NEW_YORK, "30 1 * * *", "2026-10-31T12:00:00Z", 2))
                .containsExactly(at("2026-11-01T05:30:00Z"), at("2026-11-02T06:30:00Z"));
    }

    @Test
    void newYorkSearchFromTheSecondPassOfTheRepeatedHourDoesNotRunItsFiresAgain() {
        // 06:10Z is 01:10 EST; 01:30 and 01:20 already ran during the EDT pass.
        assertThat(fires(NEW_YORK, "0 30 1 * * *", "2026-11-01T06:10:00Z", 1))
                .containsExactly(at("2026-11-02T06:30:00Z"));
        assertThat(fires(NEW_YORK, "0 */20 * * * *", "2026-11-01T06:10:00Z", 1))
                .containsExactly(at("2026-11-01T07:00:00Z"));
    }

    @Test
    void newYorkHourlyFollowsTheWallClockThroughTheRepeatedHour() {
        // 00:00 EDT, 01:00 EDT, (01:00 EST is the same wall time: no fire), 02:00 EST.
        assertThat(fires(NEW_YORK, "0 0 * * * *", "2026-11-01T03:30:00Z", 3)).containsExactly(
                at("2026-11-01T04:00:00Z"), at("2026-11-01T05:00:00Z"), at("2026-11-01T07:00:00Z"));
        assertThat(fires(NEW_YORK, "0 */20 * * * *", "2026-11-01T04:50:00Z", 4)).containsExactly(
                at("2026-11-01T05:00:00Z"), at("2026-11-01T05:20:00Z"), at("2026-11-01T05:40:00Z"),
                at("2026-11-01T07:00:00Z"));
    }

    @Test
    void newYorkLastBeforeMirrorsTheSameRules() {
        CronSchedule hourly = CronSchedule.parse("0 0 * * * *");
        assertThat(hourly.lastBefore(at("2026-11-01T06:30:00Z"), NEW_YORK)).contains(at("2026-11-01T05:00:00Z"));
        assertThat(hourly.lastBefore(at("2026-11-01T07:00:00Z"), NEW_YORK)).contains(at("2026-11-01T05:00:00Z"));
        assertThat(hourly.lastBefore(at("2026-11-01T07:00:01Z"), NEW_YORK)).contains(at("2026-11-01T07:00:00Z"));
        CronSchedule gapMinutes = CronSchedule.parse("0 * 2 * * *");
        assertThat(gapMinutes.lastBefore(at("2026-03-08T07:00:00Z"), NEW_YORK)).contains(at("2026-03-07T07:59:00Z"));
        assertThat(gapMinutes.lastBefore(at("2026-03-08T07:00:01Z"), NEW_YORK)).contains(at("2026-03-08T07:00:00Z"));
    }

    @Test
    void berlinFireInTheSpringGapRunsOnceWhenTheGapEnds() {
        assertThat(fires(BERLIN, "0 30 2 * * *", "2026-03-28T12:00:00Z", 2))
                .containsExactly(at("2026-03-29T01:00:00Z"), at("2026-03-30T00:30:00Z"));
    }

    @Test
    void berlinFireInTheRepeatedHourRunsOnlyAtItsFirstOccurrence() {
        assertThat(fires(BERLIN, "0 30 2 * * *", "2026-10-24T12:00:00Z", 2))
                .containsExactly(at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z"));
    }

    @Test
    void berlinHourlyFollowsTheWallClockThroughTheRepeatedHour() {
        // 02:00 CEST, (02:00 CET: no fire), 03:00 CET.
        assertThat(fires(BERLIN, "0 * * * *", "2026-10-24T23:30:00Z", 2))
                .containsExactly(at("2026-10-25T00:00:00Z"), at("2026-10-25T02:00:00Z"));
    }

    @Test
    void sydneyFireInTheSpringGapRunsOnceWhenTheGapEnds() {
        assertThat(fires(SYDNEY, "0 30 2 * * *", "2026-10-03T00:00:00Z", 2))
                .containsExactly(at("2026-10-03T16:00:00Z"), at("2026-10-04T15:30:00Z"));
    }

    @Test
    void sydneyFireInTheRepeatedHourRunsOnlyAtItsFirstOccurrence() {
        assertThat(fires(SYDNEY, "0 30 2 * * *", "2026-04-04T00:00:00Z", 2))
                .containsExactly(at("2026-04-04T15:30:00Z"), at("2026-04-05T16:30:00Z"));
    }

    private static List<Instant> fires(ZoneId zone, String expression, String after, int count) {
        CronSchedule schedule = CronSchedule.parse(expression);
        List<Instant> fires = new ArrayList<>();
        Instant cursor = at(after);
        for (int i = 0; i < count; i++) {
            cursor = schedule.nextAfter(cursor, zone).orElseThrow();
            fires.add(cursor);
        }
        return fires;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
