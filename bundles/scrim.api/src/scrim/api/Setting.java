package scrim.api;

import java.util.List;

/**
 * One setting of a component, as its Metatype definition describes it. Immutable.
 *
 * @param id           the configuration property (and command-line) name
 * @param name         a human-readable name
 * @param description  what it does, or empty
 * @param kind         what sort of value it takes
 * @param min          the smallest allowed number, or null
 * @param max          the largest allowed number, or null
 * @param options      the allowed values for {@link Kind#CHOICE}, else empty
 * @param optionLabels human-readable names of the options, same order
 * @param defaultValue the value used when none is configured, as text
 */
public record Setting(String id, String name, String description, Kind kind, Double min, Double max,
        List<String> options, List<String> optionLabels, String defaultValue) {

    /**
     * Kinds of values. Text settings named {@code color} or ending in {@code Color} hold a
     * colour ({@link Rgb}); those named {@code file} or ending in {@code File} hold a path.
     */
    public enum Kind { INTEGER, DECIMAL, BOOLEAN, CHOICE, COLOR, FILE, TEXT, LIST }

    public Setting {
        options = List.copyOf(options);
        optionLabels = List.copyOf(optionLabels);
    }

    /** The allowed values in words, for messages and help: "0 to 1", "cover, contain, stretch". */
    public String range() {
        return switch (kind) {
            case CHOICE -> String.join(", ", options);
            case BOOLEAN -> "true or false";
            case COLOR -> "a colour, #rrggbb or a name";
            case FILE -> "a file path";
            case TEXT, LIST -> "text";
            case INTEGER, DECIMAL -> min != null && max != null ? number(min) + " to " + number(max)
                    : min != null ? number(min) + " or more" : max != null ? "up to " + number(max) : kind == Kind.INTEGER ? "a whole number" : "a number";
        };
    }

    private String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
