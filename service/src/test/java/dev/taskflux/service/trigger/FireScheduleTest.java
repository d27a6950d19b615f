package dev.taskflux.service.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.Trigger;
import dev.taskflux.api.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FireScheduleTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    private static final Trigger.Interval EVERY_TEN_MINUTES = Trigger.every(Duration.ofMinutes(10));
    private static final Trigger WEEKDAYS_AT_NINE = Trigger.cron("0 0 9 * * 1-5");

    @Test
    void immediateFiresNowOrAtALaterStart() {
        assertThat(FireSchedule.firstFire(spec(Trigger.immediate()).build(), NOW)).contains(NOW);
        assertThat(FireSchedule.firstFire(spec(Trigger.immediate()).startAt(NOW.plusSeconds(60)).build(), NOW))
                .contains(NOW.plusSeconds(60));
        assertThat(FireSchedule.firstFire(spec(Trigger.immediate()).startAt(NOW.minusSeconds(60)).build(), NOW))
                .contains(NOW);
    }

    @Test
    void atFiresAtItsInstantEvenWhenPast() {
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        assertThat(FireSchedule.firstFire(spec(Trigger.at(yesterday)).build(), NOW)).contains(yesterday);
        assertThat(FireSchedule.firstFire(spec(Trigger.at(NOW.plusSeconds(5))).build(), NOW))
                .contains(NOW.plusSeconds(5));
    }

    @Test
    void atBeforeStartOrAfterEndNeverFires() {
        Instant at = NOW.plusSeconds(60);
        assertThat(FireSchedule.firstFire(spec(Trigger.at(at)).startAt(at.plusSeconds(1)).build(), NOW)).isEmpty();
        assertThat(FireSchedule.firstFire(spec(Trigger.at(at)).endAt(at.minusSeconds(1)).build(), NOW)).isEmpty();
        assertThat(FireSchedule.firstFire(spec(Trigger.at(at)).endAt(at).build(), NOW)).contains(at);
    }

    @Test
    void oneShotTriggersHaveNoNextFire() {
        assertThat(FireSchedule.nextFire(spec(Trigger.immediate()).build(), NOW, 1)).isEmpty();
        assertThat(FireSchedule.nextFire(spec(Trigger.at(NOW)).build(), NOW, 1)).isEmpty();
    }

    @Test
    void intervalStartsAfterItsInitialDelayFromNowOrALaterStart() {
        Trigger delayed = EVERY_TEN_MINUTES.withInitialDelay(Duration.ofMinutes(1));
        assertThat(FireSchedule.firstFire(spec(EVERY_TEN_MINUTES).build(), NOW)).contains(NOW);
        assertThat(FireSchedule.firstFire(spec(delayed).build(), NOW)).contains(NOW.plusSeconds(60));
        assertThat(FireSchedule.firstFire(spec(delayed).startAt(NOW.plusSeconds(3600)).build(), NOW))
                .contains(NOW.plusSeconds(3660));
    }

    @Test
    void intervalNextFireIsThePreviousPlusTheInterval() {
        assertThat(FireSchedule.nextFire(spec(EVERY_TEN_MINUTES).build(), NOW, 1)).contains(NOW.plusSeconds(600));
    }

    @Test
    void cronFirstFireIsAtOrAfterNow() {
        Instant nine = Instant.parse("2026-01-05T09:00:00Z");
        assertThat(FireSchedule.firstFire(spec(WEEKDAYS_AT_NINE).build(), nine)).contains(nine);
        assertThat(FireSchedule.firstFire(spec(WEEKDAYS_AT_NINE).build(), nine.plusMillis(1)))
                .contains(Instant.parse("2026-01-06T09:00:00Z"));
    }

    @Test
    void cronFirstFireIsAtOrAfterALaterStart() {
        Instant friday = Instant.parse("2026-01-09T09:00:00Z");
        assertThat(FireSchedule.firstFire(spec(WEEKDAYS_AT_NINE).startAt(friday).build(), NOW)).contains(friday);
        assertThat(FireSchedule.firstFire(spec(WEEKDAYS_AT_NINE).startAt(friday.plusSeconds(1)).build(), NOW))
                .contains(Instant.parse("2026-01-12T09:00:00Z"));
    }

    @Test
    void cronIsEvaluatedInTheTriggerZone() {
        TaskSpec berlin = spec(Trigger.cron("0 0 9 * * *", ZoneId.of("Europe/Berlin"))).build();
        assertThat(FireSchedule.firstFire(berlin, NOW)).contains(Instant.parse("2026-01-06T08:00:00Z"));
        assertThat(FireSchedule.nextFire(berlin, Instant.parse("2026-01-06T08:00:00Z"), 1))
                .contains(Instant.parse("2026-01-07T08:00:00Z"));
    }

    @Test
    void cronNextFireIsTheNextCronFireAfterThePrevious() {
        assertThat(FireSchedule.nextFire(spec(WEEKDAYS_AT_NINE).build(), Instant.parse("2026-01-09T09:00:00Z"), 1))
                .contains(Instant.parse("2026-01-12T09:00:00Z"));
    }

    @Test
    void anInvalidCronIsRejected() {
        assertThatThrownBy(() -> FireSchedule.firstFire(spec(Trigger.cron("0 0 9 * * 0")).build(), NOW))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("day-of-week");
    }

    @Test
    void noFireAfterEndAt() {
        TaskSpec ending = spec(EVERY_TEN_MINUTES).endAt(NOW.plusSeconds(600)).build();
        assertThat(FireSchedule.nextFire(ending, NOW, 1)).contains(NOW.plusSeconds(600));
        assertThat(FireSchedule.nextFire(ending, NOW.plusSeconds(1), 1)).isEmpty();
        TaskSpec endedCron = spec(WEEKDAYS_AT_NINE).endAt(NOW.plusSeconds(60)).build();
        assertThat(FireSchedule.firstFire(endedCron, NOW)).isEmpty();
        TaskSpec endedInterval = spec(EVERY_TEN_MINUTES.withInitialDelay(Duration.ofHours(1)))
                .endAt(NOW.plusSeconds(60)).build();
        assertThat(FireSchedule.firstFire(endedInterval, NOW)).isEmpty();
    }

    @Test
    void noFireOnceMaxRunsIsReached() {
        TaskSpec threeRuns = spec(EVERY_TEN_MINUTES).maxRuns(3L).build();
        assertThat(FireSchedule.firstFire(threeRuns, NOW)).contains(NOW);
        assertThat(FireSchedule.nextFire(threeRuns, NOW, 2)).contains(NOW.plusSeconds(600));
        assertThat(FireSchedule.nextFire(threeRuns, NOW, 3)).isEmpty();
        assertThat(FireSchedule.nextFire(spec(WEEKDAYS_AT_NINE).maxRuns(1L).build(), NOW, 1)).isEmpty();
    }

    @Test
    void cronThatNeverFiresHasNoFirstFire() {
        assertThat(FireSchedule.firstFire(spec(Trigger.cron("0 0 0 30 2 *")).build(), NOW)).isEmpty();
    }

    static TaskSpec.Builder spec(Trigger trigger) {
        return TaskSpec.builder("report", "send-report", trigger);
    }
}
