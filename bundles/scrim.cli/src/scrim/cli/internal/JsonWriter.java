package scrim.cli.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one JSON object on one line, for the machine-readable last line of bench and eval.
 * Strings are escaped (quotes, backslashes, control characters); other characters, including
 * non-ASCII ones, are written as they are (JSON text is UTF-8). Numbers that are not finite
 * become null, which JSON can carry and a reader can tell from zero.
 */
final class JsonWriter {

    private final StringBuilder json = new StringBuilder("{");

    JsonWriter string(String key, String value) {
        return key(key).value(value);
    }

    JsonWriter number(String key, long value) {
        key(key).json.append(value);
        return this;
    }

    /** A number with this many decimals (fixed, so lines compare easily); null where unknown. */
    JsonWriter number(String key, Double value, int decimals) {
        key(key).decimal(value, decimals);
        return this;
    }

    JsonWriter bool(String key, boolean value) {
        key(key).json.append(value);
        return this;
    }

    /** A nested object, written by its own writer. */
    JsonWriter object(String key, JsonWriter value) {
        key(key).json.append(value);
        return this;
    }

    JsonWriter strings(String key, List<String> values) {
        key(key).json.append('[');
        for (int i = 0; i < values.size(); i++) {
            json.append(i == 0 ? "" : ",");
            value(values.get(i));
        }
        json.append(']');
        return this;
    }

    /** An object of numbers, in the map's order. */
    JsonWriter numbers(String key, Map<String, Double> values, int decimals) {
        key(key).json.append('{');
        boolean first = true;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            json.append(first ? "" : ",");
            first = false;
            quote(e.getKey(), json).append(':');
            decimal(e.getValue(), decimals);
        }
        json.append('}');
        return this;
    }

    @Override
    public String toString() {
        return json + "}";
    }

    /** {@code s} as a JSON string literal, quotes included. */
    static String quote(String s) {
        return quote(s, new StringBuilder()).toString();
    }

    private static StringBuilder quote(String s, StringBuilder to) {
        to.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> to.append("\\\"");
                case '\\' -> to.append("\\\\");
                case '\n' -> to.append("\\n");
                case '\r' -> to.append("\\r");
                case '\t' -> to.append("\\t");
                case '\b' -> to.append("\\b");
                case '\f' -> to.append("\\f");
                default -> {
                    // other control characters, and the two line separators JavaScript does not allow in strings
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        to.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        to.append(c);
                    }
                }
            }
        }
        return to.append('"');
    }

    private JsonWriter key(String key) {
        if (json.length() > 1) {
            json.append(',');
        }
        quote(key, json).append(':');
        return this;
    }

    private JsonWriter value(String s) {
        if (s == null) {
            json.append("null");
        } else {
            quote(s, json);
        }
        return this;
    }

    private void decimal(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            json.append("null");
        } else {
            json.append(String.format(Locale.ROOT, "%." + decimals + "f", value));
        }
    }
}
