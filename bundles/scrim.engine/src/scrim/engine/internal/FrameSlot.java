package scrim.engine.internal;

import java.util.concurrent.TimeUnit;

import scrim.api.Frame;

/**
 * Hands the newest frame from the capture thread to the model thread. In real time a new
 * frame replaces one not yet taken (the model always sees the newest); otherwise the
 * capture thread waits until the model took the previous one.
 */
final class FrameSlot {

    private Frame frame;

    synchronized void offerNewest(Frame f) {
        if (frame != null) {
            frame.close();
        }
        frame = f;
        notifyAll();
    }

    synchronized void put(Frame f) throws InterruptedException {
        while (frame != null) {
            wait();
        }
        frame = f;
        notifyAll();
    }

    synchronized Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (frame == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Frame f = frame;
        frame = null;
        notifyAll();
        return f;
    }

    synchronized void clear() {
        if (frame != null) {
            frame.close();
            frame = null;
        }
        notifyAll();
    }
}
