package dev.taskflux.api;

/** The scheduling state of a task definition. */
public enum TaskStatus {
    /** Fires on its trigger. */
    ACTIVE,
    /** Does not fire until resumed; running instances finish. */
    PAUSED,
    /** Has nothing left to fire. */
    COMPLETED,
    /** Stopped for good; its running instances were cancelled. */
    CANCELLED;

    /** Whether the definition can never fire again. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
