package scrim.engine.internal;

import java.util.concurrent.TimeUnit;

import scrim.api.Frame;

/**
 * Hands the newest frame from the capture thread to the model thread. In real time a new
 * frame replaces one not yet taken (the model always sees the newest); otherwise the
 * capture thread waits until the model took the previous one. The slot owns every frame it
 * is given: one it cannot take (closed, or the wait interrupted) is closed at once, and
 * closing the slot closes the frame in it, so no frame is lost when a run stops.
 */
final class FrameSlot implements AutoCloseable {

    private Frame frame;
    private boolean closed;

    synchronized void offerNewest(Frame f) {
        if (closed) {
            f.close();
            return;
        }
        if (frame != null) {
            frame.close();
        }
        frame = f;
        notifyAll();
    }

    synchronized void put(Frame f) throws InterruptedException {
        try {
            while (frame != null && !closed) {
                wait();
            }
        } catch (InterruptedException e) {
            f.close();
            throw e;
        }
        if (closed) {
            f.close();
            return;
        }
        frame = f;
        notifyAll();
    }

    /** The frame, or null if none came within the timeout or the slot is closed. */
    synchronized Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (frame == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Frame f = frame;
        frame = null;
        notifyAll();
        return f;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (frame != null) {
            frame.close();
            frame = null;
        }
        notifyAll();
    }
}
