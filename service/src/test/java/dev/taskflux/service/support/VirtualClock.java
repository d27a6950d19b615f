package dev.taskflux.service.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A clock that reads a {@link VirtualTimeScheduler}'s time, counted from {@code origin}. */
public final class VirtualClock extends Clock {

    private final VirtualTimeScheduler time;
    private final Instant origin;

    public VirtualClock(VirtualTimeScheduler time, Instant origin) {
        this.time = time;
        this.origin = origin;
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
        return origin.plusMillis(time.now(TimeUnit.MILLISECONDS));
    }
}
