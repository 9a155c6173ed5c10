package scrim.test.churn;

import scrim.api.Pipeline;

/**
 * Counts the frames written over the whole session. The pipeline's {@code written} counts one
 * run and starts again from zero when a new input, size or mirror setting starts a new run, so
 * a thread polls it often and adds up each run's last value. A run's frames written after the
 * last poll before it stopped are missed (at most one frame per run at 30 fps with a 20 ms
 * poll), so the total is a lower bound that is exact up to {@link #runs()} frames.
 */
final class FrameTally {

    private static final long POLL_MILLIS = 20;

    private final Pipeline pipeline;
    private final Thread thread;
    /** Frames of the runs that have ended (as last seen). */
    private long finished;
    /** The current run's frames as last seen. */
    private long current;
    private int runs = 1;
    private volatile boolean stopping;

    FrameTally(Pipeline pipeline) {
        this.pipeline = pipeline;
        this.thread = new Thread(this::poll, "scrim-churn-tally");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops polling and takes the pipeline's final count (call once the pipeline has stopped). */
    void finish() throws InterruptedException {
        stopping = true;
        thread.join();
        see(pipeline.status().written());
    }

    synchronized long total() {
        return finished + current;
    }

    /** How many runs were seen (each new input, size or mirror setting starts one). */
    synchronized int runs() {
        return runs;
    }

    private void poll() {
        while (!stopping) {
            see(pipeline.status().written());
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void see(long written) {
        if (written < current) { // a new run counts from zero
            finished += current;
            runs++;
        }
        current = written;
    }
}
