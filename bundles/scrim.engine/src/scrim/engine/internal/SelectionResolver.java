package scrim.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import scrim.api.BackgroundEffect;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.Problem;
import scrim.api.Segmenter;
import scrim.pixels.CropPass;

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
        boolean croppable = seg != null && croppable(segmenters, seg);
        Segmenter cropSeg = croppable ? cropSegmenter(c, segmenters, seg, failed, problems) : null;
        return new Selection(seg, seg == null ? null : segName, croppable, cropSeg, List.copyOf(fx), List.copyOf(fxNames),
                List.copyOf(out), List.copyOf(outIds), List.copyOf(problems));
    }

    private static boolean croppable(Registry<Segmenter> segmenters, Segmenter s) {
        return !Boolean.FALSE.equals(segmenters.property(s, CROPPABLE));
    }

    /**
     * The model for the crop pass: {@code refine.crop.model} if it is installed, working and
     * croppable, else the whole frame's model. The default model missing (a setup without the
     * shipped models) is no problem worth showing; a model named by the user is.
     */
    private static Segmenter cropSegmenter(EngineConfig c, Registry<Segmenter> segmenters, Segmenter seg, Set<Object> failed,
            List<Problem> problems) {
        String name = c.refine_crop_model();
        if (name.isEmpty()) {
            return seg;
        }
        Segmenter crop = segmenters.find(name);
        if (crop != null && !failed.contains(crop) && croppable(segmenters, crop)) {
            return crop;
        }
        if (crop == null && !name.equals(CropPass.DEFAULT_MODEL)) {
            problems.add(new Problem("segmenter", name, "crop model '" + name + "' (refine.crop.model) is not installed (installed: "
                    + segmenters.names() + "): the crop goes to the whole frame's model"));
        }
        return seg;
    }
}
