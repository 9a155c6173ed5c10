package scrim.engine.internal;

import java.util.concurrent.atomic.AtomicLongArray;

import scrim.api.Latency;

/**
 * Counts the delays of one output in a fixed histogram ({@link Latency}'s layout): written by
 * the compose thread without allocating, read by status at any time.
 */
final class LatencyClock {

    private final AtomicLongArray counts = new AtomicLongArray(Latency.BUCKETS);
    /** Highest bucket used so far, so a snapshot copies only what can be non-zero. */
    private volatile int top = -1;

    void add(long nanos) {
        int bucket = Latency.bucketOf(nanos);
        counts.incrementAndGet(bucket);
        if (bucket > top) {
            top = bucket;
        }
    }

    Latency snapshot() {
        long[] c = new long[top + 1];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts.get(i);
        }
        return Latency.of(c);
    }
}
