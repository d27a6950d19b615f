package dev.taskflux.bench;

import java.time.Clock;

/** The one clock the benchmarks time themselves with: real elapsed time is what they measure. */
final class WallClock {

    /** The system clock in UTC. */
    static final Clock CLOCK = Clock.systemUTC();

    private WallClock() {
    }
}
