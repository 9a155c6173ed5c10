package scrim.engine.internal;

import java.util.concurrent.TimeUnit;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The newest person probability (smoothed, at the model's size): published by the model
 * thread, copied by the compose thread, which may wait for the mask of its own frame. The
 * model thread owns it and closes it when it ends; a closed or stopped one has no mask, so a
 * waiting compose thread is never left behind.
 */
final class LatestMask implements AutoCloseable {

    private final Mat mask = new Mat();
    /** The newest frame with a mask or for which none will come; only grows. */
    private long sequence = -1;
    private boolean valid;
    private boolean stopped;
    private boolean closed;

    synchronized void publish(Mat probability, long frameSequence) {
        if (closed) {
            return;
        }
        probability.copyTo(mask);
        valid = true;
        reached(frameSequence);
    }

    /** No mask will come for this frame (the model failed or did not see it): nobody waits for it. */
    synchronized void skip(long frameSequence) {
        reached(frameSequence);
    }

    private void reached(long frameSequence) {
        sequence = Math.max(sequence, frameSequence);
        notifyAll();
    }

    /**
     * Waits until there is a mask for frame {@code frameSequence} (or a newer one) or the
     * deadline passes, then copies the newest mask into {@code into}.
     *
     * @return false when there is no mask (none yet, or the run stops)
     */
    synchronized boolean copyNewest(long frameSequence, long deadlineNanos, Mat into) throws InterruptedException {
        while (sequence < frameSequence && !stopped && !closed) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (!valid || stopped || closed) {
            return false;
        }
        mask.copyTo(into);
        return true;
    }

    /** Wakes a waiting compose thread for good: the run stops. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        valid = false;
        mask.close();
        notifyAll();
    }
}
