package scrim.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine. What runs is chosen by its ConfigAdmin configuration (PID {@link #PID}); the
 * property names are the constants below. Changes apply between two frames.
 */
@ProviderType
public interface Pipeline {

    String PID = "scrim.engine";

    /** String: id of the source to read. */
    String CONFIG_SOURCE = "source";
    /** String: name of the segmenter; empty picks the highest-ranked automatic one. */
    String CONFIG_SEGMENTER = "segmenter";
    /** String[]: effect names in the order they apply. */
    String CONFIG_EFFECTS = "effects";
    /** String[]: ids of the sinks that receive frames. */
    String CONFIG_SINKS = "sinks";
    /** Integers: working size. */
    String CONFIG_WIDTH = "width";
    String CONFIG_HEIGHT = "height";
    /** Double: frames per second. */
    String CONFIG_FPS = "fps";
    /** Boolean: flip left and right, like a mirror. */
    String CONFIG_MIRROR = "mirror";
    /** Boolean: run (true) or stay stopped. */
    String CONFIG_RUNNING = "running";
    /**
     * Boolean, default true: real time (newest frame wins, a slow model reuses the last mask).
     * False processes every frame with its own mask as fast as possible (benchmarks, files).
     */
    String CONFIG_REALTIME = "realtime";
    /** Long: stop after this many frames were written; 0 = no limit. */
    String CONFIG_FRAME_LIMIT = "frames";
    /**
     * Boolean, default true: on demand. While no selected output has a consumer (an app reading
     * the virtual camera; a file always counts) and no {@link FrameTap} is registered, the camera
     * is closed, the model and effects stop, and the virtual cameras show a still card at one
     * frame per second; the run resumes as soon as a consumer appears.
     */
    String CONFIG_ONDEMAND = "ondemand";
    /** Double, default 3: seconds without any consumer before going idle. */
    String CONFIG_ONDEMAND_GRACE = "ondemand.grace";

    /** A snapshot of state, statistics and problems. */
    PipelineStatus status();

    /** The installed inputs, sorted by id. */
    List<Part> sources();

    /** The installed segmentation models, sorted by name. */
    List<Part> segmenters();

    /**
     * The model that runs when the configuration names none: the highest-ranked one that may be
     * picked automatically, on a tie the one registered first (lowest service id). Tools that run
     * a model outside the pipeline ask this, so they measure what the pipeline would run.
     *
     * @return its name, or null when no such model is installed
     */
    String automaticSegmenter();

    /** The installed background effects, sorted by name. */
    List<Part> effects();

    /** The installed outputs, sorted by id. */
    List<Part> sinks();

    /**
     * The formats an input offers.
     *
     * @throws IOException naming the problem and the fix when the input is missing or unreadable
     */
    List<VideoFormat> formats(String sourceId) throws IOException;
}
