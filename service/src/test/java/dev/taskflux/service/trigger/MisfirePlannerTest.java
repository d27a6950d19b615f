package dev.taskflux.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.api.MisfirePolicy;
import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MisfirePlannerTest {

    private static final Duration THRESHOLD = Duration.ofSeconds(5);
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int LIMIT = 100;
    private static final Instant DUE = at("10:00:00");
    private static final Trigger EVERY_MINUTE = Trigger.every(Duration.ofMinutes(1));
    private static final Trigger QUARTER_HOURS = Trigger.cron("0 */15 * * * *");

    @Test
    void aFireReachedWithinTheThresholdRunsOnTime() {
        for (MisfirePolicy policy : MisfirePolicy.values()) {
            TaskSpec spec = spec(EVERY_MINUTE, policy).build();
            assertThat(plan(spec, 0, at("10:00:05"))).as("%s", policy)
                    .isEqualTo(expected(list(DUE), at("10:01:00")));
        }
    }

    @Test
    void aFireIsAMisfireOnlyWhenMoreThanTheThresholdLate() {
        assertThat(MisfirePlanner.isMisfire(DUE, at("10:00:05"), THRESHOLD)).isFalse();
        assertThat(MisfirePlanner.isMisfire(DUE, at("10:00:05").plusMillis(1), THRESHOLD)).isTrue();
        assertThat(MisfirePlanner.isMisfire(DUE, at("09:59:00"), THRESHOLD)).isFalse();
    }

    @Test
    void anOnTimeFireHonoursMaxRunsAndEndAt() {
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ONCE).maxRuns(3L).build(), 2, DUE))
                .isEqualTo(expected(list(DUE), null));
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ONCE).maxRuns(3L).build(), 3, DUE))
                .isEqualTo(MisfirePlan.finished());
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ONCE).endAt(at("10:00:30")).build(), 0, DUE))
                .isEqualTo(expected(list(DUE), null));
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ONCE).endAt(at("09:59:59")).build(), 0, DUE))
                .isEqualTo(MisfirePlan.finished());
    }

    @Test
    void fireOnceRunsTheLatestMissedFireOnce() {
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ONCE).build(), 0, at("10:30:30")))
                .isEqualTo(expected(list(at("10:30:00")), at("10:31:00")));
    }

    @Test
    void skipRunsNothingAndContinuesAfterNow() {
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.SKIP).build(), 0, at("10:30:30")))
                .isEqualTo(expected(list(), at("10:31:00")));
    }

    @Test
    void fireAllRunsEveryMissedFireWithinTheWindow() {
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ALL).build(), 0, at("10:03:30"))).isEqualTo(
                expected(list(at("10:00:00"), at("10:01:00"), at("10:02:00"), at("10:03:00")), at("10:04:00")));
    }

    @Test
    void fireAllDropsFiresOlderThanTheWindowWhichIncludesItsStart() {
        MisfirePlan plan = plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ALL).build(), 0, at("10:30:00"));
        assertThat(plan.fires()).hasSize(11).startsWith(at("10:20:00")).endsWith(at("10:30:00"));
        assertThat(plan.nextFireAt()).contains(at("10:31:00"));
    }

    @Test
    void fireAllKeepsTheLatestFiresUpToTheLimit() {
        MisfirePlan plan = MisfirePlanner.plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ALL).build(), DUE, 0,
                at("10:30:30"), THRESHOLD, WINDOW, 3);
        assertThat(plan).isEqualTo(expected(list(at("10:28:00"), at("10:29:00"), at("10:30:00")), at("10:31:00")));
    }

    @Test
    void maxRunsCutsCatchUpShortKeepingTheOldestAndEndsTheSchedule() {
        TaskSpec fiveRuns = spec(EVERY_MINUTE, MisfirePolicy.FIRE_ALL).maxRuns(5L).build();
        assertThat(plan(fiveRuns, 3, at("10:03:30")))
                .isEqualTo(expected(list(at("10:00:00"), at("10:01:00")), null));
        assertThat(plan(fiveRuns, 5, at("10:03:30"))).isEqualTo(MisfirePlan.finished());
    }

    @Test
    void maxRunsEndsTheScheduleAfterTheSingleCatchUpRun() {
        TaskSpec fiveRuns = spec(EVERY_MINUTE, MisfirePolicy.FIRE_ONCE).maxRuns(5L).build();
        assertThat(plan(fiveRuns, 4, at("10:03:30"))).isEqualTo(expected(list(at("10:03:00")), null));
        assertThat(plan(fiveRuns, 3, at("10:03:30"))).isEqualTo(expected(list(at("10:03:00")), at("10:04:00")));
        TaskSpec skipping = spec(EVERY_MINUTE, MisfirePolicy.SKIP).maxRuns(5L).build();
        assertThat(plan(skipping, 4, at("10:03:30"))).isEqualTo(expected(list(), at("10:04:00")));
    }

    @Test
    void endAtBoundsMissedFiresAndTheNextFire() {
        Instant end = at("10:02:30");
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ALL).endAt(end).build(), 0, at("10:30:00")))
                .isEqualTo(expected(list(), null));
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ALL).endAt(end).build(), 0, at("10:05:00")))
                .isEqualTo(expected(list(at("10:00:00"), at("10:01:00"), at("10:02:00")), null));
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.FIRE_ONCE).endAt(end).build(), 0, at("10:30:00")))
                .isEqualTo(expected(list(at("10:02:00")), null));
        assertThat(plan(spec(EVERY_MINUTE, MisfirePolicy.SKIP).endAt(end).build(), 0, at("10:30:00")))
                .isEqualTo(MisfirePlan.finished());
    }

    @Test
    void oneShotTriggersRunTheirSingleFireUnlessSkipped() {
        Instant muchLater = at("12:00:00");
        for (Trigger oneShot : new Trigger[] {Trigger.at(DUE), Trigger.immediate()}) {
            assertThat(plan(spec(oneShot, MisfirePolicy.FIRE_ONCE).build(), 0, muchLater))
                    .isEqualTo(expected(list(DUE), null));
            assertThat(plan(spec(oneShot, MisfirePolicy.FIRE_ALL).build(), 0, muchLater))
                    .isEqualTo(expected(list(DUE), null));
            assertThat(plan(spec(oneShot, MisfirePolicy.SKIP).build(), 0, muchLater)).isEqualTo(MisfirePlan.finished());
            assertThat(plan(spec(oneShot, MisfirePolicy.SKIP).build(), 0, DUE))
                    .isEqualTo(expected(list(DUE), null));
        }
    }

    @Test
    void cronFireOnceRunsTheLatestMissedCronFire() {
        assertThat(plan(spec(QUARTER_HOURS, MisfirePolicy.FIRE_ONCE).build(), 0, at("11:10:00")))
                .isEqualTo(expected(list(at("11:00:00")), at("11:15:00")));
        assertThat(plan(spec(QUARTER_HOURS, MisfirePolicy.SKIP).build(), 0, at("11:10:00")))
                .isEqualTo(expected(list(), at("11:15:00")));
    }

    @Test
    void cronFireAllHonoursTheWindowAndTheLimit() {
        TaskSpec spec = spec(QUARTER_HOURS, MisfirePolicy.FIRE_ALL).build();
        Duration hour = Duration.ofHours(1);
        assertThat(MisfirePlanner.plan(spec, DUE, 0, at("11:10:00"), THRESHOLD, hour, 10)).isEqualTo(expected(
                list(at("10:15:00"), at("10:30:00"), at("10:45:00"), at("11:00:00")), at("11:15:00")));
        assertThat(MisfirePlanner.plan(spec, DUE, 0, at("11:10:00"), THRESHOLD, hour, 2))
                .isEqualTo(expected(list(at("10:45:00"), at("11:00:00")), at("11:15:00")));
    }

    @Test
    void aDueFireOffTheCronGridCountsAsMissed() {
        // A start time of 10:05 made the first fire 10:05, not a quarter hour.
        Instant due = at("10:05:00");
        assertThat(MisfirePlanner.plan(spec(QUARTER_HOURS, MisfirePolicy.FIRE_ONCE).build(), due, 0, at("10:10:00"),
                THRESHOLD, WINDOW, LIMIT)).isEqualTo(expected(list(due), at("10:15:00")));
        assertThat(MisfirePlanner.plan(spec(QUARTER_HOURS, MisfirePolicy.FIRE_ALL).build(), due, 0, at("10:40:00"),
                THRESHOLD, Duration.ofHours(1), LIMIT))
                .isEqualTo(expected(list(due, at("10:15:00"), at("10:30:00")), at("10:45:00")));
    }

    @Test
    void cronCatchUpFollowsDaylightSavingRules() {
        // 02:30 New York time does not exist on 2026-03-08: that day's fire ran at 03:00 EDT.
        TaskSpec spec = spec(Trigger.cron("0 30 2 * * *", ZoneId.of("America/New_York")), MisfirePolicy.FIRE_ALL)
                .build();
        MisfirePlan plan = MisfirePlanner.plan(spec, Instant.parse("2026-03-07T07:30:00Z"), 0,
                Instant.parse("2026-03-09T12:00:00Z"), THRESHOLD, Duration.ofDays(3), LIMIT);
        assertThat(plan).isEqualTo(expected(list(Instant.parse("2026-03-07T07:30:00Z"),
                Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-09T06:30:00Z")),
                Instant.parse("2026-03-10T06:30:00Z")));
    }

    @Test
    void aLongOutageIsPlannedWithoutWalkingEveryMissedFire() {
        // A month of per-second fires: walking them one by one would take minutes.
        Instant due = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = Instant.parse("2026-02-01T00:00:00.500Z");
        Trigger everySecondCron = Trigger.cron("* * * * * *");
        Trigger everySecond = Trigger.every(Duration.ofSeconds(1));
        for (Trigger trigger : new Trigger[] {everySecondCron, everySecond}) {
            assertThat(MisfirePlanner.plan(spec(trigger, MisfirePolicy.FIRE_ONCE).build(), due, 0, now, THRESHOLD,
                    WINDOW, LIMIT)).isEqualTo(expected(list(Instant.parse("2026-02-01T00:00:00Z")),
                    Instant.parse("2026-02-01T00:00:01Z")));
            assertThat(MisfirePlanner.plan(spec(trigger, MisfirePolicy.FIRE_ALL).build(), due, 0, now, THRESHOLD,
                    WINDOW, 2).fires()).containsExactly(Instant.parse("2026-01-31T23:59:59Z"),
                    Instant.parse("2026-02-01T00:00:00Z"));
        }
    }

    private static MisfirePlan plan(TaskSpec spec, long firesSoFar, Instant now) {
        return MisfirePlanner.plan(spec, DUE, firesSoFar, now, THRESHOLD, WINDOW, LIMIT);
    }

    private static TaskSpec.Builder spec(Trigger trigger, MisfirePolicy policy) {
        return FireScheduleTest.spec(trigger).misfire(policy);
    }

    private static List<Instant> list(Instant... fires) {
        return List.of(fires);
    }

    /** The plan running {@code fires} and firing next at {@code next}, {@code null} for never. */
    private static MisfirePlan expected(List<Instant> fires, Instant next) {
        return new MisfirePlan(fires, Optional.ofNullable(next));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-01-05T" + time + "Z");
    }
}
