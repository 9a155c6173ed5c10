package scrim.engine.internal;

import java.util.List;

import scrim.api.BackgroundEffect;
import scrim.api.FrameSink;
import scrim.api.Problem;
import scrim.api.Segmenter;

/**
 * What the compose and model threads use for the next frame: resolved from configuration and
 * bound services, replaced as a whole when either changes (threads read it once per frame).
 * {@code croppable}: the segmenter may be given the crop around the person (see {@link SelectionResolver#CROPPABLE});
 * {@code cropSegmenter} is the model that then looks at the crop ({@code refine.crop.model}, else the segmenter itself).
 */
record Selection(Segmenter segmenter, String segmenterName, boolean croppable, Segmenter cropSegmenter, List<BackgroundEffect> effects,
        List<String> effectNames, List<FrameSink> sinks, List<String> sinkIds, List<Problem> problems) {

    static final Selection EMPTY = new Selection(null, null, false, null, List.of(), List.of(), List.of(), List.of(), List.of());
}
