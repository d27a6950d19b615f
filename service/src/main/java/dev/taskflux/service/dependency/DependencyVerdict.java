package dev.taskflux.service.dependency;

/**
 * What the dependencies of one held instance allow.
 *
 * @param kind   run it, fail it, or keep waiting
 * @param reason why it fails, naming the dependency
 */
record DependencyVerdict(Kind kind, String reason) {

    static final DependencyVerdict RUN = new DependencyVerdict(Kind.RUN, null);
    static final DependencyVerdict WAIT = new DependencyVerdict(Kind.WAIT, null);

    enum Kind { RUN, FAIL, WAIT }

    static DependencyVerdict fail(String reason) {
        return new DependencyVerdict(Kind.FAIL, reason);
    }

    /** The verdict of all dependencies from each one's: any failure fails, any wait waits, else run. */
    DependencyVerdict and(DependencyVerdict other) {
        if (kind == Kind.FAIL) {
            return this;
        }
        if (other.kind == Kind.FAIL || kind == Kind.RUN) {
            return other;
        }
        return this;
    }
}
