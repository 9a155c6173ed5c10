package scrim.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import scrim.api.BackgroundEffect;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.Problem;
import scrim.api.Segmenter;

/** Resolves the names in the pipeline's configuration to the services bound now, and says what is missing. */
final class SelectionResolver {

    /**
     * Segmenter service property (Boolean, default true): false when the segmenter must see
     * whole frames, because its answer depends on more than the pixels it is given (the test
     * pattern's exact mask is drawn from the frame number and size).
     */
    static final String CROPPABLE = "segmenter.crop";

    private SelectionResolver() {
    }

    /** @param failed parts that threw: left out until they are replaced or the configuration changes */
    static Selection resolve(EngineConfig c, Registry<FrameSource> sources, Registry<Segmenter> segmenters,
            Registry<BackgroundEffect> effects, Registry<FrameSink> sinks, Set<Object> failed) {
        List<Problem> problems = new ArrayList<>();
        Segmenter seg;
        String segName;
        if (c.segmenter().isEmpty()) {
            seg = segmenters.bestWhere(Segmenter.AUTO);
            segName = seg == null ? null : segmenters.nameOf(seg);
            if (seg == null) {
                problems.add(new Problem("segmenter", "", "no segmentation model is installed: frames pass through unchanged"));
            }
        } else {
            seg = segmenters.find(c.segmenter());
            segName = c.segmenter();
            if (seg == null) {
                problems.add(new Problem("segmenter", c.segmenter(), "model '" + c.segmenter()
                        + "' is not installed (installed: " + segmenters.names() + "): frames pass through unchanged"));
            }
        }
        if (seg != null && failed.contains(seg)) {
            seg = null;
        }
        List<BackgroundEffect> fx = new ArrayList<>();
        List<String> fxNames = new ArrayList<>();
        for (String name : c.effects()) {
            BackgroundEffect e = effects.find(name);
            if (e == null) {
                problems.add(new Problem("effect", name, "effect '" + name + "' is not installed (installed: "
                        + effects.names() + "): passing frames through without it"));
            } else if (!failed.contains(e)) {
                fx.add(e);
                fxNames.add(name);
            }
        }
        List<FrameSink> out = new ArrayList<>();
        List<String> outIds = new ArrayList<>();
        for (String id : c.sinks()) {
            FrameSink s = sinks.find(id);
            if (s == null) {
                problems.add(new Problem("sink", id, "output '" + id + "' is not available (available: " + sinks.names() + ")"));
            } else if (!failed.contains(s)) {
                out.add(s);
                outIds.add(id);
            }
        }
        if (c.running() && sources.find(c.source()) == null) {
            problems.add(new Problem("source", c.source(), "input '" + c.source() + "' is not available (available: "
                    + sources.names() + "): waiting for it"));
        }
        boolean croppable = seg != null && !Boolean.FALSE.equals(segmenters.property(seg, CROPPABLE));
        return new Selection(seg, seg == null ? null : segName, croppable, List.copyOf(fx), List.copyOf(fxNames),
                List.copyOf(out), List.copyOf(outIds), List.copyOf(problems));
    }
}
