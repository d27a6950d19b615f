package dev.taskflux.service.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; it follows the system clock plus an offset so real timers still line up. */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves this clock forward by {@code amount}. */
    public void advance(Duration amount) {
        offset = offset.plus(amount);
    }

    /** Puts the clock back to the system time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
