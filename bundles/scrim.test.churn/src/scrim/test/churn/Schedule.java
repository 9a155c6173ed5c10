package scrim.test.churn;

import java.util.Dictionary;
import java.util.List;

import scrim.api.Pipeline;

/**
 * What the driver asks for, and what it changes next: each step changes one thing, in turn the
 * size, the effect chain, the mirror, the plugin (the test fill effect's jar in or out of the
 * load folder), the model and the input, each cycling through its own values. Deterministic, so
 * a failing step can be replayed.
 */
final class Schedule {

    enum Kind {
        SIZE, EFFECTS, MIRROR, PLUGIN, MODEL, INPUT
    }

    /** 640x360 comes back every other size change: the run is mostly at that size. */
    private static final int[][] SIZES = {{480, 270}, {640, 360}, {320, 240}, {640, 360}};
    /** Chains with and without the plugin's effect; a missing testfill is passed over, not fatal. */
    private static final List<List<String>> CHAINS = List.of(List.of("blur", "dim"), List.of("testfill"), List.of("pixelate", "lightwrap"),
            List.of("color"), List.of(), List.of("blur", "testfill"), List.of("blur"));
    /** "" is the automatic choice, the highest-ranked model. */
    private static final List<String> MODELS = List.of("general", "scene", "landscape", "");

    private final String pattern;
    private final String picture;

    String source;
    int width;
    int height;
    boolean mirror;
    String segmenter;
    List<String> effects;
    /** Whether the plugin's jar is in the load folder. */
    boolean pluginIn;

    private int sizes;
    private int chains;
    private int models;

    /** Starts from the setup the command line gave. */
    Schedule(Dictionary<String, Object> config, String picture) {
        this.pattern = String.valueOf(config.get(Pipeline.CONFIG_SOURCE));
        this.picture = picture;
        source = pattern;
        width = ((Number) config.get(Pipeline.CONFIG_WIDTH)).intValue();
        height = ((Number) config.get(Pipeline.CONFIG_HEIGHT)).intValue();
        mirror = Boolean.TRUE.equals(config.get(Pipeline.CONFIG_MIRROR));
        segmenter = config.get(Pipeline.CONFIG_SEGMENTER) == null ? "" : String.valueOf(config.get(Pipeline.CONFIG_SEGMENTER));
        effects = config.get(Pipeline.CONFIG_EFFECTS) instanceof String[] a ? List.of(a) : List.of();
    }

    /** Changes one thing for step {@code step} (1, 2, ...) and says which and to what. */
    Kind next(int step) {
        Kind kind = Kind.values()[(step - 1) % Kind.values().length];
        switch (kind) {
            case SIZE -> {
                int[] size = SIZES[sizes++ % SIZES.length];
                width = size[0];
                height = size[1];
            }
            case EFFECTS -> effects = CHAINS.get(chains++ % CHAINS.size());
            case MIRROR -> mirror = !mirror;
            case PLUGIN -> pluginIn = !pluginIn;
            case MODEL -> segmenter = MODELS.get(models++ % MODELS.size());
            case INPUT -> source = source.equals(pattern) ? picture : pattern;
        }
        return kind;
    }

    /** Writes the wanted setup into the engine's configuration, keeping everything else. */
    void writeTo(Dictionary<String, Object> config) {
        config.put(Pipeline.CONFIG_SOURCE, source);
        config.put(Pipeline.CONFIG_WIDTH, width);
        config.put(Pipeline.CONFIG_HEIGHT, height);
        config.put(Pipeline.CONFIG_MIRROR, mirror);
        config.put(Pipeline.CONFIG_SEGMENTER, segmenter);
        config.put(Pipeline.CONFIG_EFFECTS, effects.toArray(String[]::new));
    }

    /** The input as a short word for the report: pattern or picture. */
    String sourceName() {
        return source.equals(pattern) ? "pattern" : "picture";
    }

    String describe(Kind kind) {
        return switch (kind) {
            case SIZE -> width + "x" + height;
            case EFFECTS -> StatusLine.list(effects);
            case MIRROR -> String.valueOf(mirror);
            case PLUGIN -> pluginIn ? "in" : "out";
            case MODEL -> segmenter.isEmpty() ? "auto" : segmenter;
            case INPUT -> sourceName();
        };
    }
}
