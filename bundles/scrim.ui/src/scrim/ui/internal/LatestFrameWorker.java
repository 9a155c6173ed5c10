package scrim.ui.internal;

/**
 * A thread of its own for work on the frames a tap is offered, so the compose thread only makes
 * a bulk copy: the offer copies under this worker's lock and wakes it; the worker takes the copy
 * (under the lock, so the next offer waits for it) and then works on it outside the lock. An
 * offer that comes while the worker is busy replaces the one before. While nothing is offered
 * the thread waits without polling (the window hidden in the tray costs nothing).
 */
final class LatestFrameWorker implements AutoCloseable {

    private final Object lock = new Object();
    private final Runnable take;
    private final Runnable work;
    private final Thread thread;
    private boolean offered;
    private volatile boolean closed;

    /**
     * @param take under the lock: turns the offered copy into what {@code work} needs
     * @param work outside the lock: the slow part
     */
    LatestFrameWorker(String name, Runnable take, Runnable work) {
        this.take = take;
        this.work = work;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** On the offering thread: {@code copy} runs under the lock, then the worker is woken. */
    void offer(Runnable copy) {
        synchronized (lock) {
            copy.run();
            offered = true;
            lock.notifyAll();
        }
    }

    boolean closed() {
        return closed;
    }

    private void loop() {
        while (!closed) {
            synchronized (lock) {
                while (!offered && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                offered = false;
                take.run();
            }
            work.run();
        }
    }

    /** Stops the thread and waits for it, so the caller may free what the work used. */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
