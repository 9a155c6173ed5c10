package scrim.api;

/**
 * Cumulative time spent in one pipeline stage. Differences of two snapshots give the
 * cost over an interval.
 *
 * @param count      how many times the stage ran
 * @param totalNanos wall time summed over those runs
 * @param lastNanos  wall time of the most recent run
 */
public record StageTimes(long count, long totalNanos, long lastNanos) {

    public static final StageTimes NONE = new StageTimes(0, 0, 0);

    /** Mean milliseconds per run between an earlier snapshot and this one. */
    public double meanMillisSince(StageTimes earlier) {
        long n = count - earlier.count;
        return n <= 0 ? 0 : (totalNanos - earlier.totalNanos) / 1e6 / n;
    }
}
