package dev.taskflux.service.trigger;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;

/**
 * Maps the wall-clock times a cron expression names to instants in a zone, under the Taskflux DST
 * rules: a time skipped by a spring-forward gap fires once, at the end of the gap; a time repeated
 * by a fall-back overlap fires once, at its first occurrence.
 *
 * <p>Cron expressions are evaluated on local date-times (cron-utils is given UTC, which has no
 * transitions), so these rules are ours rather than whatever cron-utils does around a transition:
 * it drops fires in a gap and fires twice in an overlap.
 */
final class WallClock {

    private WallClock() {
    }

    /** The instant a fire at wall-clock time {@code local} runs at. */
    static Instant resolve(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // atZone takes the earlier offset in an overlap: the first occurrence.
        return local.atZone(zone).toInstant();
    }

    /**
     * The wall-clock time to search forward from for fires after {@code after}, whole seconds
     * (cron-utils carries a sub-second part of its input into its results).
     */
    static LocalDateTime searchFrom(Instant after, ZoneId zone) {
        ZonedDateTime zoned = after.atZone(zone);
        ZoneOffsetTransition overlap = laterOccurrenceOf(zoned);
        if (overlap != null) {
            // Every wall time in the overlap already fired at its first occurrence, before 'after'.
            return overlap.getDateTimeBefore().minusSeconds(1);
        }
        return zoned.toLocalDateTime().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The wall-clock time to search backward from for fires before {@code before}, rounded up to
     * whole seconds so that a fire in the same second is still found.
     */
    static LocalDateTime searchBackFrom(Instant before, ZoneId zone) {
        ZonedDateTime zoned = before.atZone(zone);
        ZoneOffsetTransition overlap = laterOccurrenceOf(zoned);
        if (overlap != null) {
            // Every wall time in the overlap maps to its first occurrence, before 'before'.
            return overlap.getDateTimeBefore();
        }
        LocalDateTime local = zoned.toLocalDateTime();
        LocalDateTime seconds = local.truncatedTo(ChronoUnit.SECONDS);
        return seconds.equals(local) ? local : seconds.plusSeconds(1);
    }

    /**
     * Where a backward search continues after finding {@code local}: before the start of the gap
     * when {@code local} is in one, since every time in a gap maps to the same instant.
     */
    static LocalDateTime continueBackFrom(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        return transition != null && transition.isGap() ? transition.getDateTimeBefore() : local;
    }

    private static ZoneOffsetTransition laterOccurrenceOf(ZonedDateTime zoned) {
        ZoneOffsetTransition transition = zoned.getZone().getRules().getTransition(zoned.toLocalDateTime());
        boolean later = transition != null && transition.isOverlap()
                && zoned.getOffset().equals(transition.getOffsetAfter());
        return later ? transition : null;
    }
}
