package scrim.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

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
}
