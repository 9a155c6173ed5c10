package scrim.cli.internal;

import java.util.List;
import java.util.stream.Collectors;

import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.Part;

/** Looks up installed parts (inputs, models, effects, outputs) by id and kind. */
final class Parts {

    private Parts() {
    }

    static Part find(List<Part> parts, String id) {
        for (Part p : parts) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }

    /** The ids, for messages that list what is installed. */
    static String names(List<Part> parts) {
        return parts.isEmpty() ? "none" : parts.stream().map(Part::id).collect(Collectors.joining(", "));
    }

    /** The first installed part of a kind ({@code camera}, {@code loopback}), or null. */
    static String first(List<Part> parts, String kind) {
        for (Part p : parts) {
            if (kind.equals(p.properties().get(FrameSource.KIND)) || kind.equals(p.properties().get(FrameSink.KIND))) {
                return p.id();
            }
        }
        return null;
    }
}
