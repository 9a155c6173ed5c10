package scrim.engine.internal;

import java.util.List;
import java.util.function.Supplier;

import scrim.api.FrameSink;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;

/**
 * The still card the outputs show while no run writes to them: at most one {@link Feeder} at a
 * time, replaced only when the card or the format changes, so a consumer never sees a gap.
 * Called under the pipeline component's lock.
 */
final class Placeholder {

    static final Feeder.Card DISCONNECTED = new Feeder.Card("Camera disconnected", "The picture comes back as soon as the camera does", 0);
    static final Feeder.Card UNAVAILABLE = new Feeder.Card("Camera not available", "Scrim keeps trying to reach it", 0);

    private final SinkSet openSinks;
    private final Supplier<List<FrameSink>> selected;
    private final Object composeLock;
    private final FramePool.Ledger frames;
    private volatile Feeder feeder;

    /** @param selected the outputs selected now, which the card follows as they join and leave */
    Placeholder(SinkSet openSinks, Supplier<List<FrameSink>> selected, Object composeLock, FramePool.Ledger frames) {
        this.openSinks = openSinks;
        this.selected = selected;
        this.composeLock = composeLock;
        this.frames = frames;
    }

    /** Opens the selected outputs at {@code format} (keeping those open at it already) and shows the card on them. */
    void show(Feeder.Card card, VideoFormat format) {
        synchronized (composeLock) {
            openSinks.follow(selected.get(), format);
        }
        replace(card, format);
    }

    /** Shows the card on the outputs that are open, at their format; with none open, nothing. */
    void showOnOpen(Feeder.Card card) {
        VideoFormat open;
        synchronized (composeLock) {
            open = openSinks.format();
        }
        if (open != null) {
            replace(card, open);
        }
    }

    private void replace(Feeder.Card card, VideoFormat format) {
        if (!shows(card, format)) {
            stop();
            feeder = new Feeder(openSinks, selected, composeLock, frames, format, card);
        }
    }

    boolean shows(Feeder.Card card, VideoFormat format) {
        Feeder f = feeder;
        return f != null && f.shows(card, format);
    }

    /** Whether a card is shown. */
    boolean showing() {
        return feeder != null;
    }

    void stop() {
        Feeder f = feeder;
        if (f != null) {
            feeder = null;
            f.stop();
        }
    }
}
