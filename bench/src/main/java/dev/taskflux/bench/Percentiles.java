package dev.taskflux.bench;

/**
 * Order statistics of a sample by the nearest-rank method.
 *
 * @param count how many values
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param max   largest value
 */
record Percentiles(int count, double p50, double p90, double p99, double max) {

    /** The statistics of {@code sorted}, which must be in ascending order; NaN when it is empty. */
    static Percentiles ofSorted(double[] sorted) {
        if (sorted.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
