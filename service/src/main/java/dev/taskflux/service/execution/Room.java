package dev.taskflux.service.execution;

/**
 * How many more instances this node may take on in a scheduling round: those due now take a
 * concurrency slot at once, those due later only wait on a timer until then.
 *
 * @param due   instances due now
 * @param ahead instances due later, held on timers until then
 */
record Room(int due, int ahead) {

    /** One of {@code lanes} equal shares. */
    Room share(int lanes) {
        return new Room(due / lanes, ahead / lanes);
    }

    /** This room, to be taken one instance at a time. */
    Left left() {
        return new Left(due, ahead);
    }

    /** What is left of a room as instances take it. Not thread-safe: one round uses it. */
    static final class Left {
        private int due;
        private int ahead;

        private Left(int due, int ahead) {
            this.due = due;
            this.ahead = ahead;
        }

        /** Takes room for one instance, due {@code later} or now; emits whether there was any. */
        boolean take(boolean later) {
            if (later ? ahead <= 0 : due <= 0) {
                return false;
            }
            if (later) {
                ahead--;
            } else {
                due--;
            }
            return true;
        }
    }
}
