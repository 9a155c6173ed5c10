package scrim.api;

import java.util.Arrays;

/**
 * How long frames took from capture ({@link Frame#timestampNanos()}) to the end of one
 * output's write: a histogram, cumulative over a run. Differences of two snapshots
 * ({@link #since}) give the figures over an interval. Immutable.
 * <p>
 * Buckets are microseconds: exact below 128 us, then 64 buckets per power of two, so a
 * percentile is within 1/64 (1.6 %) of the true value; delays past 2^32 us (71 minutes) count
 * in the last bucket. The layout is fixed so that a recorder can count without allocating
 * ({@link #bucketOf}).
 */
public final class Latency {

    /** Buckets per power of two (and the exact range below 2 x this many microseconds). */
    private static final int SUB = 64;
    private static final int SUB_BITS = 6;
    private static final int MAX_EXPONENT = 31;
    /** Number of buckets. */
    public static final int BUCKETS = 2 * SUB + (MAX_EXPONENT - SUB_BITS) * SUB;

    public static final Latency NONE = new Latency(new long[0]);

    /** Counts per bucket, trailing empty buckets cut off. */
    private final long[] counts;
    private final long count;

    private Latency(long[] counts) {
        int used = counts.length;
        while (used > 0 && counts[used - 1] == 0) {
            used--;
        }
        this.counts = Arrays.copyOf(counts, used);
        long n = 0;
        for (long c : this.counts) {
            n += c;
        }
        count = n;
    }

    /** A snapshot of bucket counts laid out by {@link #bucketOf}; the array is copied. */
    public static Latency of(long[] counts) {
        if (counts.length > BUCKETS) {
            throw new IllegalArgumentException(counts.length + " buckets, at most " + BUCKETS);
        }
        return new Latency(counts);
    }

    /** The bucket that counts a delay of {@code nanos} (negative delays count as zero). */
    public static int bucketOf(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        if (micros < 2 * SUB) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= SUB_BITS + 1
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int shift = exponent - SUB_BITS;
        return 2 * SUB + (exponent - SUB_BITS - 1) * SUB + (int) (micros >>> shift) - SUB;
    }

    /** Lowest delay in microseconds that a bucket counts. */
    private static long lowMicros(int bucket) {
        if (bucket < 2 * SUB) {
            return bucket;
        }
        int exponent = (bucket - 2 * SUB) / SUB + SUB_BITS + 1;
        long mantissa = SUB + (bucket - 2 * SUB) % SUB;
        return mantissa << (exponent - SUB_BITS);
    }

    /** Frames counted. */
    public long count() {
        return count;
    }

    /**
     * The delay that a share {@code p} (0 to 1) of the frames did not exceed, in milliseconds
     * (the middle of its bucket); 0 when nothing was counted.
     */
    public double percentileMillis(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("percentile " + p + " is not between 0 and 1");
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * count));
        long seen = 0;
        int bucket = 0;
        while (seen + counts[bucket] < rank) {
            seen += counts[bucket++];
        }
        return (lowMicros(bucket) + lowMicros(bucket + 1)) / 2e3;
    }

    /** The median delay in milliseconds. */
    public double medianMillis() {
        return percentileMillis(0.5);
    }

    /** The 99th percentile of the delay in milliseconds. */
    public double p99Millis() {
        return percentileMillis(0.99);
    }

    /** The frames counted after an earlier snapshot of the same run. */
    public Latency since(Latency earlier) {
        long[] d = Arrays.copyOf(counts, Math.max(counts.length, earlier.counts.length));
        for (int i = 0; i < earlier.counts.length; i++) {
            d[i] -= earlier.counts[i];
            if (d[i] < 0) {
                throw new IllegalArgumentException("the earlier snapshot is not of the same run: it counted more in bucket " + i);
            }
        }
        return new Latency(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latency l && Arrays.equals(counts, l.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d frames, median %.2f ms, 99th percentile %.2f ms", count, medianMillis(),
                p99Millis());
    }
}
