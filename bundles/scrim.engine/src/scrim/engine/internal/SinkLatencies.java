package scrim.engine.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import scrim.api.FrameSink;
import scrim.api.Latency;

/**
 * The delay from each frame's capture to the moment an output's write of it returned, per
 * output, over one run. Lip sync on a call depends on it: the sound is not delayed with the
 * picture.
 */
final class SinkLatencies {

    private final Map<FrameSink, LatencyClock> clocks = new ConcurrentHashMap<>();

    /** Called by the compose thread when {@code sink} returned from writing a frame captured at {@code capturedNanos}. */
    void written(FrameSink sink, long capturedNanos) {
        long returned = System.nanoTime();
        clocks.computeIfAbsent(sink, s -> new LatencyClock()).add(returned - capturedNanos);
    }

    /** The figures by output id; outputs {@code idOf} no longer knows (returns null for) are left out. */
    Map<String, Latency> snapshot(Function<FrameSink, String> idOf) {
        Map<String, Latency> byId = new HashMap<>();
        clocks.forEach((sink, clock) -> {
            String id = idOf.apply(sink);
            if (id != null) {
                byId.put(id, clock.snapshot());
            }
        });
        return byId;
    }
}
