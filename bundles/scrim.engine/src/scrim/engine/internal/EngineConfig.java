package scrim.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import scrim.pixels.CropPass;
import scrim.pixels.CropTracker;
import scrim.pixels.MaskUpscaler;
import scrim.pixels.TemporalSmoother;

/** The pipeline's configuration (PID scrim.engine); property names are those of scrim.api.Pipeline. */
@ObjectClassDefinition(name = "Scrim pipeline", description = "Which source, model, effects and outputs run, and how")
@interface EngineConfig {

    @AttributeDefinition(name = "Source", description = "Id of the camera, file or pattern to read")
    String source() default "pattern";

    @AttributeDefinition(name = "Segmenter", description = "Model name; empty picks the best installed one")
    String segmenter() default "";

    @AttributeDefinition(name = "Effects", description = "Effect names, applied in this order")
    String[] effects() default {};

    @AttributeDefinition(name = "Outputs", description = "Ids of the sinks that receive frames")
    String[] sinks() default {};

    @AttributeDefinition(name = "Width", min = "2", max = "8192")
    int width() default 1280;

    @AttributeDefinition(name = "Height", min = "2", max = "8192")
    int height() default 720;

    @AttributeDefinition(name = "Frames per second", min = "1", max = "240")
    double fps() default 30;

    @AttributeDefinition(name = "Mirror", description = "Flip left and right")
    boolean mirror() default false;

    @AttributeDefinition(name = "Running")
    boolean running() default false;

    @AttributeDefinition(name = "Real time", description = "Newest frame wins and a slow model reuses its last mask; off processes every frame")
    boolean realtime() default true;

    @AttributeDefinition(name = "Frame limit", description = "Stop after this many frames; 0 = no limit", min = "0")
    long frames() default 0;

    @AttributeDefinition(name = "On demand", description = "Close the camera and stop the model while no app reads the virtual camera"
            + " and no preview is visible; the virtual camera shows a still card and the camera starts again when an app opens it")
    boolean ondemand() default true;

    @AttributeDefinition(name = "On demand: seconds before idle", description = "How long nobody must be watching before the camera"
            + " closes; also what keeps a browser that opens and closes the camera while listing cameras from restarting it", min = "0",
            max = "3600")
    double ondemand_grace() default 3;

    @AttributeDefinition(name = "Mask smoothing", description = "Removes flicker on a still person: 0 = off, 0.9 = strong; motion is never smoothed",
            min = "0", max = "0.95")
    double refine_smoothing() default TemporalSmoother.DEFAULT_STRENGTH;

    @AttributeDefinition(name = "Model on the crop around the person", description = "The model looks at the crop around the person found in"
            + " the previous frames, so its input holds more of them (mean IoU 0.830 to 0.876, Boundary IoU 0.608 to 0.671 on the test portraits; no extra model run"
            + " but one every few frames); the whole frame is looked at every few frames and when the person reaches the crop's edge")
    boolean refine_crop() default true;

    @AttributeDefinition(name = "Model on the crop", description = "The model that looks at the crop (empty: the same model as the whole frame);"
            + " by default the general model, which holds a tall crop at more detail than the landscape one (Boundary IoU 0.647 to 0.671 on the"
            + " test portraits, about 1.7 ms more CPU per 720p frame). If it is not installed the crop goes to the whole frame's model")
    String refine_crop_model() default CropPass.DEFAULT_MODEL;

    @AttributeDefinition(name = "Crop margin", description = "Room around the person's box, as a fraction of its size on each side", min = "0",
            max = "1")
    double refine_crop_margin() default CropTracker.DEFAULT_MARGIN;

    @AttributeDefinition(name = "Frames between whole-frame looks", description = "How often the whole frame is looked at again for people"
            + " entering it (each such frame runs the model twice)", min = "1", max = "300")
    int refine_crop_interval() default CropTracker.DEFAULT_INTERVAL;

    @AttributeDefinition(name = "Edge-following upscale", description = "Scale the mask with a guided filter that follows the picture's edges (costs about 2 ms at 720p)")
    boolean refine_guided() default MaskUpscaler.DEFAULT_GUIDED;

    @AttributeDefinition(name = "Guided filter radius", description = "In frame pixels", min = "1", max = "64")
    int refine_radius() default MaskUpscaler.DEFAULT_RADIUS;

    @AttributeDefinition(name = "Guided filter smoothness", description = "Larger follows edges less closely", min = "0.00001", max = "1")
    double refine_eps() default MaskUpscaler.DEFAULT_EPS;

    @AttributeDefinition(name = "Threshold", description = "Probability at which a pixel counts as half person", min = "0.05", max = "0.95")
    double refine_threshold() default MaskUpscaler.DEFAULT_THRESHOLD;

    @AttributeDefinition(name = "Feather", description = "Width of the soft edge, in probability", min = "0.01", max = "1")
    double refine_feather() default MaskUpscaler.DEFAULT_FEATHER;
}
