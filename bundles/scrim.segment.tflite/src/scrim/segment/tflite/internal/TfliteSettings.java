package scrim.segment.tflite.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How every TFLite model runs (PID scrim.segment.tflite). Defaults chosen by measurement (README). */
@ObjectClassDefinition(name = "Scrim TFLite models", description = "How segmentation models run")
@interface TfliteSettings {

    @AttributeDefinition(name = "XNNPACK", description = "Run models on the XNNPACK delegate (fast); off uses TFLite's built-in kernels")
    boolean xnnpack() default true;

    @AttributeDefinition(name = "Threads", description = "Threads per model; a second one measured no faster", min = "1", max = "8")
    int threads() default 1;

    @AttributeDefinition(name = "Mirror averaging", description = "Also run the model on the mirrored frame and average: better edges, twice the model time")
    boolean flip() default true;
}
