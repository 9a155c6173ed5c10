package scrim.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import org.junit.jupiter.api.Test;

import scrim.api.FrameSink;
import scrim.engine.internal.TestParts.DeviceSink;
import scrim.engine.internal.TestParts.RecordingSink;

/**
 * The on-demand state machine on a test clock: tasks run when the test moves time on, in the
 * order they are due, on the test's thread (as on the engine's one timer thread).
 */
class DemandUnitTest {

    /** A scheduler on virtual time. */
    private static final class TestTime implements Demand.Scheduler {
        private record Due(long at, long order, FutureTask<?> task) {
        }

        long now = 1_000_000;
        private long order;
        private final List<Due> queue = new ArrayList<>();

        @Override
        public Future<?> schedule(Runnable task, long delayMillis) {
            FutureTask<?> f = new FutureTask<>(task, null);
            queue.add(new Due(now + delayMillis, order++, f));
            return f;
        }

        /** Moves time on by {@code millis}, running every task that falls due (and those they schedule). */
        void advance(long millis) {
            long end = now + millis;
            while (true) {
                Due next = null;
                for (Due d : queue) {
                    if (d.at <= end && (next == null || d.at < next.at || d.at == next.at && d.order < next.order)) {
                        next = d;
                    }
                }
                if (next == null) {
                    break;
                }
                queue.remove(next);
                now = Math.max(now, next.at);
                next.task.run(); // a cancelled task does nothing
            }
            now = end;
        }
    }

    private final TestTime time = new TestTime();
    private int wakes;
    private int sleeps;
    private final Demand demand = new Demand(time, () -> time.now, () -> {
        if (demandLive()) {
            wakes++;
        } else {
            sleeps++;
        }
    });
    private final DeviceSink device = new DeviceSink();

    private boolean demandLive() {
        return demand.live();
    }

    private void start(boolean onDemand, List<FrameSink> outputs) {
        demand.configure(onDemand, 3);
        demand.select(outputs);
        time.advance(0);
    }

    @Test
    void withNobodyWatchingItGoesIdleAfterTheGraceWithoutNeedingAConsumerFirst() {
        start(true, List.<FrameSink>of(device));
        assertTrue(demand.live(), "starts live");
        time.advance(2999);
        assertTrue(demand.live(), "still live within the grace");
        time.advance(1);
        assertFalse(demand.live(), "idle once the grace is over");
        assertEquals(1, sleeps);
        assertEquals(0, demand.consumers());
        assertEquals(time.now, demand.since(), "idle since the grace ended");
    }

    @Test
    void noOutputsSelectedAtAllGoesIdleToo() {
        start(true, List.of());
        time.advance(3000);
        assertFalse(demand.live());
    }

    @Test
    void aConsumerWakesAtOnceAndTheWakeIsTimedToTheFirstProcessedFrame() {
        start(true, List.<FrameSink>of(device));
        time.advance(3000);
        assertEquals(-1, demand.wakeMillis(), "no wake yet");
        device.readers(1); // the sink would call demand.check() through watchConsumers; here it has no listener
        demand.check();
        time.advance(0);
        assertTrue(demand.live(), "live at once, no grace for waking");
        assertEquals(1, wakes);
        assertEquals(1, demand.consumers());
        time.advance(420);
        demand.firstProcessedFrame();
        assertEquals(420, demand.wakeMillis());
        time.advance(1000);
        demand.firstProcessedFrame(); // a later run (reconfigured) is not a wake
        assertEquals(420, demand.wakeMillis());
    }

    @Test
    void aBrowserOpeningAndClosingEvery200MillisFor5SecondsWakesOnceAndGoesIdleAGraceAfterTheLastClose() {
        start(true, List.<FrameSink>of(device));
        time.advance(3000);
        assertFalse(demand.live());
        for (int t = 0; t < 5000; t += 200) { // opens, and closes 100 ms later, every 200 ms
            device.readers(1);
            demand.check();
            time.advance(100);
            device.readers(0);
            demand.check();
            time.advance(100);
            assertTrue(demand.live(), "live at " + t + " ms");
        }
        assertEquals(1, wakes, "exactly one wake");
        time.advance(2899); // 100 ms have passed since the last close
        assertTrue(demand.live(), "the grace counts from the last close");
        time.advance(1);
        assertFalse(demand.live());
        assertEquals(2, sleeps, "idle at the start and after the browser");
    }

    @Test
    void aTapCountsAsAViewerAndAFileAlwaysWantsFrames() {
        start(true, List.<FrameSink>of(device));
        time.advance(3000);
        demand.taps(1);
        time.advance(0);
        assertTrue(demand.live(), "a visible preview wakes it");
        assertEquals(1, demand.consumers());
        demand.taps(0);
        time.advance(3000);
        assertFalse(demand.live(), "hidden again: idle after the grace");

        demand.select(List.<FrameSink>of(device, new RecordingSink())); // RecordingSink keeps FrameSink.ALWAYS: a file
        time.advance(0);
        assertTrue(demand.live());
        assertEquals(0, demand.consumers(), "a file is not counted as a consumer");
        time.advance(60_000);
        assertTrue(demand.live(), "a file keeps it live");
    }

    @Test
    void onDemandOffIsAlwaysLive() {
        start(false, List.<FrameSink>of(device));
        time.advance(60_000);
        assertTrue(demand.live());
        assertEquals(0, sleeps);
        demand.configure(true, 3); // switched on: nobody watches, so idle after the grace
        time.advance(3000);
        assertFalse(demand.live());
        demand.configure(false, 3);
        time.advance(0);
        assertTrue(demand.live(), "switched off: live at once");
    }

    @Test
    void aSinkThatCannotCountIsTreatedAsInUse() {
        start(true, List.<FrameSink>of(new RecordingSink() {
            @Override
            public int consumers() {
                throw new IllegalStateException("broken plugin");
            }
        }));
        time.advance(10_000);
        assertTrue(demand.live());
    }
}
