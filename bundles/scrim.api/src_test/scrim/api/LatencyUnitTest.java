package scrim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyUnitTest {

    private static Latency of(long... nanos) {
        long[] counts = new long[Latency.BUCKETS];
        for (long n : nanos) {
            counts[Latency.bucketOf(n)]++;
        }
        return Latency.of(counts);
    }

    @Test
    void bucketsRiseWithTheDelayAndCoverTheRange() {
        int previous = -1;
        for (long micros = 0; micros < 5_000_000; micros += 1 + micros / 50) {
            int b = Latency.bucketOf(micros * 1000);
            assertTrue(b >= previous, micros + " us went into bucket " + b + " below " + previous);
            assertTrue(b < Latency.BUCKETS);
            previous = b;
        }
        assertEquals(0, Latency.bucketOf(-5_000), "a clock that stepped back counts as no delay");
        assertEquals(Latency.BUCKETS - 1, Latency.bucketOf(Long.MAX_VALUE));
    }

    @Test
    void percentilesAreWithinTheBucketResolution() {
        // 1000 frames of 1..1000 ms: the median is 500 ms, the 99th percentile 990 ms
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        Latency l = of(nanos);
        assertEquals(1000, l.count());
        assertEquals(500, l.medianMillis(), 500 / 64.0);
        assertEquals(990, l.p99Millis(), 990 / 64.0);
        assertEquals(1, l.percentileMillis(0), 1 / 64.0);
        assertEquals(1000, l.percentileMillis(1), 1000 / 64.0);
    }

    @Test
    void shortDelaysAreExactToTheMicrosecond() {
        Latency l = of(40_000, 41_000, 42_000);
        assertEquals(0.0415, l.medianMillis(), 1e-9);
    }

    @Test
    void theFiguresOfAnIntervalAreTheDifferenceOfTwoSnapshots() {
        long[] counts = new long[Latency.BUCKETS];
        counts[Latency.bucketOf(900_000_000)] = 10; // a slow start: 900 ms
        Latency warm = Latency.of(counts);
        counts[Latency.bucketOf(20_000_000)] = 100; // then 20 ms
        Latency end = Latency.of(counts);
        assertEquals(900, end.p99Millis(), 900 / 64.0, "over the whole run the slow start shows");
        Latency measured = end.since(warm);
        assertEquals(100, measured.count());
        assertEquals(20, measured.p99Millis(), 20 / 64.0, "after the warm-up it does not");
        assertThrows(IllegalArgumentException.class, () -> warm.since(end));
    }

    @Test
    void nothingCountedReadsAsZero() {
        assertEquals(0, Latency.NONE.count());
        assertEquals(0, Latency.NONE.medianMillis());
        assertEquals(Latency.NONE, of().since(Latency.NONE));
    }
}
