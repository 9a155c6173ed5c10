package scrim.engine.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.VideoFormat;
import scrim.pixels.Cards;
import scrim.pixels.FramePool;

/**
 * Keeps the outputs fed with a still card while there is no camera picture: the camera was
 * unplugged or failed (at the output's frame rate, so the virtual camera never stalls), or
 * nobody watches and on demand closed the camera (one frame per second: idle must be cheap).
 * Consumers see a clear message, never a frozen picture. The card is drawn once; each frame
 * only restamps and writes it.
 */
final class Feeder {

    /** What a card says, and how often it is written; fps 0 means the output's own rate. */
    record Card(String title, String subtitle, double fps) {
    }

    static final Card READY = new Card("Scrim is ready", "The camera starts when an app uses it", 1);

    private final Card card;
    private final VideoFormat format;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param frames counts the card's frame, like every frame of the engine
     * @param wanted the outputs selected now: opened (at {@code format}) when they join, closed when they leave
     */
    Feeder(SinkSet sinks, Supplier<List<FrameSink>> wanted, Object composeLock, FramePool.Ledger frames, VideoFormat format, Card card) {
        this.card = card;
        this.format = format;
        thread = new Thread(() -> feed(sinks, wanted, composeLock, frames, format), "scrim-placeholder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this feeder writes that card at that format already. */
    boolean shows(Card c, VideoFormat f) {
        return card.equals(c) && format.equals(f);
    }

    private void feed(SinkSet sinks, Supplier<List<FrameSink>> wanted, Object composeLock, FramePool.Ledger frames, VideoFormat format) {
        long intervalMillis = Math.max(1, card.fps() > 0 ? Math.round(1000 / card.fps()) : format.frameIntervalNanos() / 1_000_000);
        try (FramePool pool = new FramePool(format, 1, frames); Frame frame = pool.acquire(1, TimeUnit.SECONDS)) {
            Cards.render(frame, card.title(), card.subtitle());
            long sequence = 0;
            while (!stopped) {
                frame.stamp(sequence++, System.nanoTime());
                synchronized (composeLock) {
                    if (!stopped) {
                        sinks.follow(wanted.get(), format);
                        sinks.write(frame);
                    }
                }
                Thread.sleep(intervalMillis);
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
