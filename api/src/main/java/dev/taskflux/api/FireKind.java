package dev.taskflux.api;

/** Why an instance exists. */
public enum FireKind {
    /** The definition's trigger fired. */
    SCHEDULED,
    /** Somebody asked for a run now. */
    MANUAL
}
