package scrim.api;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of the pipeline. Immutable.
 *
 * @param state       what it is doing; {@link PipelineState#RUNNING} also while idle (on and ready,
 *                    the camera closed until someone watches: see {@code idle})
 * @param format      the working format, null before the source opened
 * @param source      the active source id, or null
 * @param segmenter   the active segmenter name, or null (passthrough)
 * @param effects     the effects actually applied, in order
 * @param sinks       the sinks receiving frames
 * @param captured    frames read from the source
 * @param written     frames composed and handed to the sinks
 * @param dropped     frames captured but not composed because compositing fell behind
 * @param fps         output frames per second over the last second
 * @param capture     time in the source's read
 * @param segment     time in the segmenter
 * @param refine      time scaling and refining the mask
 * @param compose     time in the effect chain
 * @param sink        time writing to sinks
 * @param effectTimes time in each effect of the chain, by effect name
 * @param segmenterTimes time in each model that has run, by segmenter name
 * @param problems    what is wrong now, in plain words; empty when all is well
 * @param framesInUse frames of all the engine's pools held outside their pool now (queued,
 *                    being processed, or never returned: a leak); 0 when nothing is in flight,
 *                    and always 0 once the pipeline is stopped
 * @param latency     per output (sink id): delay from a frame's capture to the end of its write
 * @param heapBytes   Java heap bytes allocated by the run's capture, model and compose threads up to
 *                    their latest frame; -1 where the JVM cannot count them
 * @param idle        true while on demand has closed the camera because nobody watches (the
 *                    virtual cameras show a still card); false while live or not running
 * @param since       when the current state (the {@code state}, or idle versus live) began, in
 *                    milliseconds since the epoch
 * @param consumers   programs reading the selected outputs plus registered taps (a file output is
 *                    not counted)
 * @param wakeMillis  how long the last wake from idle took: from the first consumer to the first
 *                    processed frame written; -1 before the first wake
 */
public record PipelineStatus(PipelineState state, VideoFormat format, String source, String segmenter,
        List<String> effects, List<String> sinks, long captured, long written, long dropped, double fps,
        StageTimes capture, StageTimes segment, StageTimes refine, StageTimes compose, StageTimes sink,
        Map<String, StageTimes> effectTimes, Map<String, StageTimes> segmenterTimes,
        List<Problem> problems, int framesInUse, Map<String, Latency> latency, long heapBytes,
        boolean idle, long since, int consumers, long wakeMillis) {

    public PipelineStatus {
        effects = List.copyOf(effects);
        sinks = List.copyOf(sinks);
        effectTimes = Map.copyOf(effectTimes);
        segmenterTimes = Map.copyOf(segmenterTimes);
        problems = List.copyOf(problems);
        latency = Map.copyOf(latency);
    }
}
