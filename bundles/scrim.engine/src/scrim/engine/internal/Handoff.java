package scrim.engine.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import scrim.api.Frame;

/**
 * How frames travel from the capture thread to the compose thread (a short queue) and to the
 * model thread (a slot), and back to their pool. In real time the oldest queued frame is
 * dropped rather than capture wait; otherwise capture waits for room. The hand-off owns every
 * frame given to it until a thread takes it; once closed it returns what it holds and every
 * frame given later, so no frame is lost when a run stops, however late a thread hands over.
 */
final class Handoff implements AutoCloseable {

    /** Frames waiting for compositing before the oldest is dropped. */
    static final int QUEUE = 3;

    private final boolean realtime;
    private final ArrayBlockingQueue<Frame> queue = new ArrayBlockingQueue<>(QUEUE);
    private final FrameSlot slot = new FrameSlot();
    private volatile boolean closed;

    Handoff(boolean realtime) {
        this.realtime = realtime;
    }

    /**
     * Queues the frame for compositing and, if {@code toModel}, gives the model a reference of
     * its own. Takes the caller's reference whatever happens.
     *
     * @return how many queued frames were dropped to make room (real time only)
     */
    int give(Frame f, boolean toModel) throws InterruptedException {
        int dropped = 0;
        try {
            if (toModel) {
                if (realtime) {
                    slot.offerNewest(f.retain());
                } else {
                    slot.put(f.retain());
                }
            }
            if (realtime) {
                while (!queue.offer(f)) {
                    Frame oldest = queue.poll();
                    if (oldest != null) {
                        oldest.close();
                        dropped++;
                    }
                }
            } else {
                queue.put(f);
            }
        } catch (InterruptedException | RuntimeException e) {
            f.close();
            throw e;
        }
        if (closed) {
            drainQueue(); // closed while this frame was on its way: it must not stay behind
        }
        return dropped;
    }

    /** The next frame to compose, or null after the timeout. */
    Frame forCompose(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    boolean nothingToCompose() {
        return queue.isEmpty();
    }

    /** The newest frame for the model, or null after the timeout or once the model side is closed. */
    Frame forModel(long timeout, TimeUnit unit) throws InterruptedException {
        return slot.take(timeout, unit);
    }

    /** The model takes no more frames: the one waiting for it, and later ones, go back to their pool. */
    void closeModelSide() {
        slot.close();
    }

    /** Returns every frame held, and every frame given from now on, to its pool. */
    @Override
    public void close() {
        closed = true;
        slot.close();
        drainQueue();
    }

    private void drainQueue() {
        Frame f;
        while ((f = queue.poll()) != null) {
            f.close();
        }
    }
}
