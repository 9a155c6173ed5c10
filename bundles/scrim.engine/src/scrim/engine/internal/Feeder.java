package scrim.engine.internal;

import java.util.concurrent.TimeUnit;

import scrim.api.Frame;
import scrim.api.VideoFormat;
import scrim.pixels.Cards;
import scrim.pixels.FramePool;

/**
 * Keeps the outputs fed with a placeholder card while there is no camera picture (the
 * camera was unplugged or failed), at the output's frame rate, so consumers see a clear
 * message and never a frozen picture, and the virtual camera never stalls.
 */
final class Feeder {

    private final Thread thread;
    private volatile boolean stopped;

    /** @param frames counts the card's frame, like every frame of the engine */
    Feeder(SinkSet sinks, Object composeLock, FramePool.Ledger frames, VideoFormat format, String title, String subtitle) {
        thread = new Thread(() -> feed(sinks, composeLock, frames, format, title, subtitle), "scrim-placeholder");
        thread.setDaemon(true);
        thread.start();
    }

    private void feed(SinkSet sinks, Object composeLock, FramePool.Ledger frames, VideoFormat format, String title, String subtitle) {
        try (FramePool pool = new FramePool(format, 1, frames); Frame card = pool.acquire(1, TimeUnit.SECONDS)) {
            Cards.render(card, title, subtitle);
            long sequence = 0;
            while (!stopped) {
                card.stamp(sequence++, System.nanoTime());
                synchronized (composeLock) {
                    if (!stopped) {
                        sinks.write(card);
                    }
                }
                Thread.sleep(Math.max(1, format.frameIntervalNanos() / 1_000_000));
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
