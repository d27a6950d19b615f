package dev.taskflux.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a task definition fires. A trigger is a value: the next-fire computation lives in the
 * service and is a pure function of the trigger and the previous fire.
 */
public sealed interface Trigger permits Trigger.Immediate, Trigger.At, Trigger.Interval, Trigger.Cron {

    /** The wire name of this trigger kind ({@code immediate}, {@code at}, {@code interval}, {@code cron}). */
    String type();

    /** Fires once, as soon as the definition is created. */
    static Immediate immediate() {
        return new Immediate();
    }

    /** Fires once at {@code at}. */
    static At at(Instant at) {
        return new At(at);
    }

    /** Fires every {@code every}, the first time right away. */
    static Interval every(Duration every) {
        return new Interval(every, Duration.ZERO);
    }

    /** Fires on a cron expression evaluated in UTC. */
    static Cron cron(String expression) {
        return new Cron(expression, ZoneId.of("UTC"));
    }

    /** Fires on a cron expression evaluated in {@code zone}. */
    static Cron cron(String expression, ZoneId zone) {
        return new Cron(expression, zone);
    }

    /** One run, started as soon as possible. */
    record Immediate() implements Trigger {
        @Override
        public String type() {
            return "immediate";
        }
    }

    /** One run at an instant. */
    record At(Instant at) implements Trigger {
        public At {
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String type() {
            return "at";
        }
    }

    /** A run every {@code every}; the first one {@code initialDelay} after the schedule starts. */
    record Interval(Duration every, Duration initialDelay) implements Trigger {
        public Interval {
            Objects.requireNonNull(every, "every");
            initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        }

        /** The same interval with its first run {@code delay} after the start. */
        public Interval withInitialDelay(Duration delay) {
            return new Interval(every, delay);
        }

        @Override
        public String type() {
            return "interval";
        }
    }

    /**
     * Runs on a cron expression in an IANA time zone: 5-field Unix, 6-field with seconds (weekday
     * 1-7 = Monday-Sunday) or a macro such as {@code @daily}.
     */
    record Cron(String expression, ZoneId zone) implements Trigger {
        public Cron {
            Objects.requireNonNull(expression, "expression");
            zone = zone == null ? ZoneId.of("UTC") : zone;
        }

        @Override
        public String type() {
            return "cron";
        }
    }
}
