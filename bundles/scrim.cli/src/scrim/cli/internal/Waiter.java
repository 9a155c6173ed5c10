package scrim.cli.internal;

import java.util.function.Supplier;

/**
 * The one way the commands wait for the pipeline: ask it (its status or its parts) at a fixed
 * pace until the answer is there. The engine publishes no events, so its status is polled.
 */
final class Waiter {

    /** How often the pipeline is asked: well below a frame interval, cheap for the engine. */
    static final long PERIOD_MILLIS = 20;

    private Waiter() {
    }

    /**
     * Asks {@code probe} until it answers (not null) or {@code timeoutMillis} have passed.
     *
     * @return the answer, or null on timeout
     */
    static <T> T until(Supplier<T> probe, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            T answer = probe.get();
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
            Thread.sleep(PERIOD_MILLIS);
        }
    }

    /** Asks {@code probe} until it answers, however long that takes (until interrupted). */
    static <T> T until(Supplier<T> probe) throws InterruptedException {
        return until(probe, Long.MAX_VALUE / 2_000_000);
    }
}
