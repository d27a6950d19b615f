package dev.taskflux.api;

import java.util.Objects;

/**
 * Limits on how many instances of one definition run at once.
 *
 * @param policy       what a fire does when the limit is reached
 * @param maxInstances the limit; {@code null} means unlimited for ALLOW and 1 for FORBID and REPLACE
 */
public record ConcurrencyPolicy(OverlapPolicy policy, Integer maxInstances) {

    /** Overlapping runs allowed without a limit. */
    public static final ConcurrencyPolicy ALLOW = new ConcurrencyPolicy(OverlapPolicy.ALLOW, null);

    public ConcurrencyPolicy {
        Objects.requireNonNull(policy, "policy");
    }

    /** One run at a time; fires that come while it runs are skipped. */
    public static ConcurrencyPolicy forbid() {
        return new ConcurrencyPolicy(OverlapPolicy.FORBID, 1);
    }

    /** One run at a time; a new fire cancels the running one. */
    public static ConcurrencyPolicy replace() {
        return new ConcurrencyPolicy(OverlapPolicy.REPLACE, 1);
    }

    /** At most {@code maxInstances} runs at a time; further fires wait their turn. */
    public static ConcurrencyPolicy limit(int maxInstances) {
        return new ConcurrencyPolicy(OverlapPolicy.ALLOW, maxInstances);
    }

    /** The effective limit, or {@code null} when unlimited. */
    public Integer effectiveMaxInstances() {
        if (maxInstances != null) {
            return maxInstances;
        }
        return policy == OverlapPolicy.ALLOW ? null : 1;
    }
}
