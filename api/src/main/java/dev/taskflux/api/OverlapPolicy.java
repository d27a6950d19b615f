package dev.taskflux.api;

/** What a definition does when a fire comes while it already has {@code maxInstances} active instances. */
public enum OverlapPolicy {
    /** Queue the new instance until a slot frees (unlimited instances unless {@code maxInstances} is set). */
    ALLOW,
    /** Record the new fire as SKIPPED. */
    FORBID,
    /** Cancel the oldest active instance and run the new one. */
    REPLACE
}
