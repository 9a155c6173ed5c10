package scrim.engine.internal;

import java.util.Map;
import java.util.function.BooleanSupplier;

import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.Frame;
import scrim.api.Segmenter;
import scrim.pixels.CropPass;
import scrim.pixels.TemporalSmoother;

/**
 * The model thread's work on one frame: run the selected model (on the crop around the person
 * when {@code refine.crop} is on, see {@link CropPass}), check that its output keeps
 * the segmenter contract, smooth it over time and publish it. A model that throws, or
 * returns something compositing could not use, is taken out and reported; the run goes on.
 */
final class ModelStep implements AutoCloseable {

    private final Runner.Host host;
    private final LatestMask latestMask;
    private final StageClock clock;
    private final Map<String, StageClock> clocks;
    private final BooleanSupplier stopping;
    private final Mat probability = new Mat();
    private final TemporalSmoother smoother = new TemporalSmoother();
    private final CropPass crop = new CropPass();
    /** The models whose history the smoother holds (whole frame, crop). */
    private Segmenter smoothed;
    private Segmenter smoothedCrop;

    /**
     * @param clock    time in any model
     * @param clocks   time in each model, by name
     * @param stopping true once the run stops (an interrupted model call is then not the model's fault)
     */
    ModelStep(Runner.Host host, LatestMask latestMask, StageClock clock, Map<String, StageClock> clocks, BooleanSupplier stopping) {
        this.host = host;
        this.latestMask = latestMask;
        this.clock = clock;
        this.clocks = clocks;
        this.stopping = stopping;
    }

    void run(Frame f) {
        synchronized (host.segmentLock()) {
            Selection sel = host.selection();
            Segmenter s = sel.segmenter();
            if (s == null) {
                latestMask.skip(f.sequence()); // nobody waits for a mask that will not come
                return;
            }
            long t0 = System.nanoTime();
            EngineConfig r = host.refinement();
            boolean cropping = r.refine_crop() && sel.croppable();
            try {
                if (s != smoothed || sel.cropSegmenter() != smoothedCrop) {
                    smoother.reset(); // another model's history means nothing
                    crop.tracker().reset();
                    smoothed = s;
                    smoothedCrop = sel.cropSegmenter();
                }
                if (cropping) {
                    crop.tracker().configure(r.refine_crop_margin(), r.refine_crop_interval());
                    crop.segment(s, sel.cropSegmenter(), f, probability);
                } else {
                    s.segment(f, probability);
                }
                CropPass.checkAnswer(probability);
                smoother.smooth(probability, r.refine_smoothing());
            } catch (Exception | Error e) {
                smoothed = null;
                latestMask.skip(f.sequence());
                if (!stopping.getAsBoolean()) {
                    // on the crop pass the crop's model may be the one that failed: the other then carries on alone
                    host.segmenterFailed(cropping && crop.lastModel() != null ? crop.lastModel() : s, e);
                }
                return;
            }
            long took = System.nanoTime() - t0;
            clock.add(took);
            clocks.computeIfAbsent(sel.segmenterName(), name -> new StageClock()).add(took);
            latestMask.publish(probability, f.sequence());
        }
    }

    @Override
    public void close() {
        smoother.close();
        crop.close();
        probability.close();
    }
}
