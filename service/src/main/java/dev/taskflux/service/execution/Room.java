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
}
