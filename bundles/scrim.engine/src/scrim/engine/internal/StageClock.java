package scrim.engine.internal;

import java.util.concurrent.atomic.AtomicLongArray;

import scrim.api.StageTimes;

/** Lock-free cumulative timing of one pipeline stage, written by one thread. */
final class StageClock {

    private final AtomicLongArray values = new AtomicLongArray(3); // count, total, last

    void add(long nanos) {
        values.incrementAndGet(0);
        values.addAndGet(1, nanos);
        values.set(2, nanos);
    }

    StageTimes snapshot() {
        return new StageTimes(values.get(0), values.get(1), values.get(2));
    }
}
