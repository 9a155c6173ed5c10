package scrim.segment.tflite.internal;

import java.util.Map;
import java.util.Properties;

/**
 * What a model needs beyond its tensors: its name, how to scale the input, how to read the
 * output. Read from {@code OSGI-INF/scrim/models/*.properties} in a model bundle, or from
 * the options given with a model file.
 *
 * @param name       segmenter name ({@code --model NAME})
 * @param label      human-readable name
 * @param file       the model file, relative to its bundle (or a path)
 * @param inputMin   value of a black pixel in the input tensor
 * @param inputMax   value of a white pixel
 * @param logits     one-channel output holds logits rather than probabilities
 * @param person     for multi-channel outputs: the person class; -1 = the usual for the channel count
 * @param ranking    service ranking; the highest-ranked model is the default
 */
record ModelDescriptor(String name, String label, String file, float inputMin, float inputMax, boolean logits, int person, int ranking) {

    /** DeepLab v3 (Pascal VOC, 21 classes) puts the person at 15; two-channel models at 1. */
    static final int DEEPLAB_PERSON = 15;

    /** Reads a descriptor; messages name the key and the expected form. */
    static ModelDescriptor parse(Properties p, String where) {
        String name = required(p, "name", where);
        String file = required(p, "file", where);
        float[] range = range(p.getProperty("input.range", "0,1"), where);
        String layout = p.getProperty("output.layout", "probability").trim();
        if (!layout.equals("probability") && !layout.equals("logit") && !layout.equals("classes")) {
            throw new IllegalArgumentException(where + ": output.layout '" + layout + "' is not probability, logit or classes");
        }
        return new ModelDescriptor(name, p.getProperty("label", name), file, range[0], range[1], layout.equals("logit"),
                integer(p, "person", -1, where), integer(p, "ranking", 0, where));
    }

    /** A descriptor for a model file given by path, with options range=MIN..MAX, person=N, logits. */
    static ModelDescriptor forFile(String path, Map<String, String> options) {
        float[] range = {0, 1};
        int person = -1;
        boolean logits = false;
        for (Map.Entry<String, String> o : options.entrySet()) {
            switch (o.getKey()) {
                case "range":
                    range = range(o.getValue().replace("..", ","), "model option range");
                    break;
                case "person":
                    person = integer(o.getValue(), "model option person");
                    break;
                case "logits":
                    logits = true;
                    break;
                default:
                    throw new IllegalArgumentException("model option '" + o.getKey() + "' is unknown: use range=MIN..MAX, person=N or logits");
            }
        }
        String label = path.substring(path.lastIndexOf('/') + 1);
        return new ModelDescriptor(path, label, path, range[0], range[1], logits, person, -100);
    }

    /** The person class for a model with this many output channels. */
    int personFor(int channels) {
        if (channels == 1) {
            return 0;
        }
        if (person >= 0) {
            return person;
        }
        return channels == 2 ? 1 : DEEPLAB_PERSON;
    }

    private static String required(Properties p, String key, String where) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        return v.trim();
    }

    private static float[] range(String text, String where) {
        String[] parts = text.split(",");
        try {
            float min = Float.parseFloat(parts[0].trim());
            float max = Float.parseFloat(parts[1].trim());
            if (parts.length == 2 && max > min) {
                return new float[] {min, max};
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": input range '" + text + "' is not MIN,MAX with MIN below MAX, e.g. 0,1 or -1,1");
    }

    private static int integer(Properties p, String key, int fallback, String where) {
        String v = p.getProperty(key);
        return v == null ? fallback : integer(v, where + ": " + key);
    }

    private static int integer(String v, String where) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " '" + v + "' is not a whole number");
        }
    }
}
