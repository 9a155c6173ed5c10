package scrim.engine.internal;

import java.util.concurrent.atomic.AtomicLongArray;

import scrim.api.Latency;

/**
 * Counts the delays of one output in a fixed histogram ({@link Latency}'s layout): written by
 * the compose thread without allocating, read by status at any time.
 */
final class LatencyClock {

    private final AtomicLongArray counts = new AtomicLongArray(Latency.BUCKETS);

    void add(long nanos) {
        counts.incrementAndGet(Latency.bucketOf(nanos));
    }

    Latency snapshot() {
        long[] c = new long[counts.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts.get(i);
        }
        return Latency.of(c);
    }
}
