package scrim.engine.internal;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLongArray;

import com.sun.management.ThreadMXBean;

/**
 * Java heap bytes allocated by the engine's threads, so a benchmark can prove the hot path
 * allocates nothing per frame. Each thread records its own JVM allocation counter after a
 * frame (reading one's own counter allocates nothing), so the figure stays readable after
 * the threads ended and leaves out their tear-down.
 */
final class HeapCounter {

    /** The JVM's thread counters, or null where it cannot count allocations. */
    private final ThreadMXBean jvm = supported();
    private final AtomicLongArray latest;

    HeapCounter(int threads) {
        latest = new AtomicLongArray(threads);
    }

    private static ThreadMXBean supported() {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            if (!t.isThreadAllocatedMemoryEnabled()) {
                t.setThreadAllocatedMemoryEnabled(true);
            }
            return t;
        }
        return null;
    }

    /** Called by thread number {@code thread} after each frame it handled. */
    void mark(int thread) {
        if (jvm != null) {
            latest.set(thread, jvm.getCurrentThreadAllocatedBytes());
        }
    }

    /** Bytes the threads allocated up to their latest frame; -1 when the JVM cannot count them. */
    long bytes() {
        if (jvm == null) {
            return -1;
        }
        long sum = 0;
        for (int i = 0; i < latest.length(); i++) {
            sum += latest.get(i);
        }
        return sum;
    }
}
