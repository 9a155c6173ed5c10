package scrim.cli.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import scrim.api.ModelLoader;
import scrim.api.Pipeline;
import scrim.api.Segmenter;
import scrim.pixels.CropPass;

/**
 * The segmentation models the command line can name: installed ones, and model files loaded
 * on demand. Holds the segmenters by name for segment and eval, which run a model outside the
 * pipeline.
 */
final class Models {

    private static final long APPEAR_MILLIS = 10_000;

    private final Map<String, Segmenter> segmenters = new ConcurrentHashMap<>();
    private volatile ModelLoader loader;

    void bindLoader(ModelLoader l) {
        loader = l;
    }

    void unbindLoader(ModelLoader l) {
        if (loader == l) {
            loader = null;
        }
    }

    void bindSegmenter(Segmenter s, Map<String, Object> props) {
        segmenters.put(String.valueOf(props.get(Segmenter.NAME)), s);
    }

    void unbindSegmenter(Segmenter s, Map<String, Object> props) {
        segmenters.remove(String.valueOf(props.get(Segmenter.NAME)), s);
    }

    /**
     * Resolves --model: an installed model's name, or a .tflite file (with options) that is
     * loaded now; returns the segmenter's name.
     */
    String resolve(Pipeline pipeline, String spec, boolean tolerant) throws IOException, InterruptedException {
        int colon = spec.indexOf(':');
        String target = colon < 0 ? spec : spec.substring(0, colon);
        if (target.endsWith(".tflite") || target.contains("/")) {
            ModelLoader l = loader;
            if (l == null) {
                throw new IllegalArgumentException("model files need the TFLite bundle (scrim.segment.tflite), which is not installed");
            }
            Map<String, String> options = new LinkedHashMap<>();
            if (colon >= 0) {
                for (String o : spec.substring(colon + 1).split(",")) {
                    int eq = o.indexOf('=');
                    options.put(eq < 0 ? o.trim() : o.substring(0, eq).trim(), eq < 0 ? "" : o.substring(eq + 1).trim());
                }
            }
            String name = l.load(target, options);
            // the service registers synchronously; its binding here may lag
            Waiter.until(() -> segmenters.containsKey(name) ? name : null, APPEAR_MILLIS);
            return name;
        }
        if (!tolerant && Parts.find(pipeline.segmenters(), spec) == null) {
            throw new IllegalArgumentException("model '" + spec + "' is not installed: installed models are " + Parts.names(pipeline.segmenters()));
        }
        return spec;
    }

    /** --model if given, else the default model; resolved as {@link #resolve}. */
    String resolveOrDefault(Pipeline pipeline, String spec) throws IOException, InterruptedException {
        return resolve(pipeline, spec == null ? defaultModel(pipeline) : spec, false);
    }

    /** The model used where none is named: the one the pipeline runs then (one rule, the engine's). */
    private static String defaultModel(Pipeline pipeline) {
        String name = pipeline.automaticSegmenter();
        if (name == null) {
            throw new IllegalArgumentException("no segmentation model is installed: install the model bundle (scrim.model.selfie) or give --model FILE.tflite");
        }
        return name;
    }

    /**
     * The model of the crop pass with the default settings, as the engine picks it: the
     * default crop model if it is installed, else {@code whole} itself.
     */
    Segmenter cropSegmenter(Segmenter whole) {
        return segmenters.getOrDefault(CropPass.DEFAULT_MODEL, whole);
    }

    /** The bound segmenter of this name, for running it outside the pipeline. */
    Segmenter segmenter(Pipeline pipeline, String name) {
        Segmenter s = segmenters.get(name);
        if (s == null) {
            throw new IllegalArgumentException("model '" + name + "' is not installed: installed models are " + Parts.names(pipeline.segmenters()));
        }
        return s;
    }
}
