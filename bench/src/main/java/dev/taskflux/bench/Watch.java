package dev.taskflux.bench;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Waits on the database at a fixed interval, up to a deadline, sampling resident memory at every
 * poll and printing where the work is (instances by state) every progress interval.
 */
final class Watch {

    private final Ledger ledger;
    private final ResidentMemory memory;
    private final Duration poll;
    private final Duration progress;
    private final PrintStream out;

    Watch(Ledger ledger, ResidentMemory memory, Duration poll, Duration progress, PrintStream out) {
        this.ledger = ledger;
        this.memory = memory;
        this.poll = poll;
        this.progress = progress;
        this.out = out;
    }

    /** A condition checked at each poll. */
    interface Condition {
        boolean met() throws SQLException;
    }

    /**
     * Polls until {@code done} is met or {@code deadline} passes, whichever is first; progress
     * lines show seconds since {@code origin}. Emits whether {@code done} was met.
     */
    boolean until(Condition done, Instant deadline, Instant origin) throws SQLException, InterruptedException {
        Instant nextProgress = WallClock.CLOCK.instant();
        while (true) {
            memory.sample();
            if (done.met()) {
                return true;
            }
            Instant now = WallClock.CLOCK.instant();
            if (!now.isBefore(deadline)) {
                return false;
            }
            if (!progress.isZero() && !now.isBefore(nextProgress)) {
                progress(origin, now);
                nextProgress = now.plus(progress);
            }
            Thread.sleep(Math.max(1, Math.min(poll.toMillis(), Duration.between(now, deadline).toMillis())));
        }
    }

    /** Prints one progress line now. */
    void progress(Instant origin, Instant now) throws SQLException {
        double seconds = Duration.between(origin, now).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "  %+8.1fs  %s  rss=%dMiB%n", seconds, ledger.statusCounts().line(),
                ResidentMemory.mib(ResidentMemory.currentKib()));
    }
}
