package dev.taskflux.api;

/** What happens to fires that were missed while the service was down or saturated. */
public enum MisfirePolicy {
    /** Run once for all missed fires, then continue on schedule (the default). */
    FIRE_ONCE,
    /** Drop missed fires and continue with the next one in the future. */
    SKIP,
    /** Run every missed fire, bounded by the configured catch-up window. */
    FIRE_ALL
}
