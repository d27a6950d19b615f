package dev.taskflux.service.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {

    private final List<String> started = new ArrayList<>();

    @Test
    void runsStartAtOnceUpToTheLimitThenWait() {
        ConcurrencyGate gate = new ConcurrencyGate(2);
        gate.submit(entry("a", 0, 1));
        gate.submit(entry("b", 0, 2));
        gate.submit(entry("c", 0, 3));
        assertThat(started).containsExactly("a", "b");
        assertThat(gate.running()).isEqualTo(2);
        assertThat(gate.waiting()).isEqualTo(1);
        assertThat(gate.free()).isZero();
    }

    @Test
    void whenSaturatedTheHighestPriorityThenEarliestDueStartsNext() {
        ConcurrencyGate gate = new ConcurrencyGate(1);
        gate.submit(entry("running", 0, 0));
        gate.submit(entry("low", -5, 1));
        gate.submit(entry("high-late", 10, 9));
        gate.submit(entry("high-early", 10, 2));
        gate.release();
        gate.release();
        gate.release();
        assertThat(started).containsExactly("running", "high-early", "high-late", "low");
        gate.release();
        assertThat(gate.running()).isZero();
    }

    @Test
    void cancelledWaitersAreDropped() {
        ConcurrencyGate gate = new ConcurrencyGate(1);
        gate.submit(entry("running", 0, 0));
        TestEntry gone = entry("gone", 5, 1);
        gate.submit(gone);
        gate.submit(entry("next", 0, 2));
        gone.cancelled = true;
        gate.release();
        assertThat(started).containsExactly("running", "next");
    }

    private TestEntry entry(String name, int priority, long due) {
        return new TestEntry(name, priority, Instant.ofEpochSecond(due));
    }

    private final class TestEntry implements ConcurrencyGate.Entry {
        private final String name;
        private final int priority;
        private final Instant due;
        private boolean cancelled;

        TestEntry(String name, int priority, Instant due) {
            this.name = name;
            this.priority = priority;
            this.due = due;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Instant dueAt() {
            return due;
        }

        @Override
        public void start() {
            started.add(name);
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }
}
