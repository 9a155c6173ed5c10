package scrim.api;

import java.util.Locale;
import java.util.Map;

/**
 * A colour as settings spell it: {@code #rrggbb}, {@code #rgb} or a name from {@link #NAMES}.
 *
 * @param red   0 to 255
 * @param green 0 to 255
 * @param blue  0 to 255
 */
public record Rgb(int red, int green, int blue) {

    /** Named colours; {@code green} and {@code blue} are the key colours OBS's chroma key expects. */
    public static final Map<String, Rgb> NAMES = Map.of(
            "black", new Rgb(0, 0, 0),
            "white", new Rgb(255, 255, 255),
            "grey", new Rgb(128, 128, 128),
            "gray", new Rgb(128, 128, 128),
            "green", new Rgb(0, 255, 0),
            "blue", new Rgb(0, 0, 255),
            "magenta", new Rgb(255, 0, 255));

    public Rgb {
        if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
            throw new IllegalArgumentException("colour components must be 0 to 255: " + red + ", " + green + ", " + blue);
        }
    }

    /** Parses a colour; the message of the exception says what is accepted. */
    public static Rgb parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Rgb named = NAMES.get(t);
        if (named != null) {
            return named;
        }
        String hex = t.startsWith("#") ? t.substring(1) : t;
        if (hex.matches("[0-9a-f]{6}")) {
            int v = Integer.parseInt(hex, 16);
            return new Rgb(v >> 16, (v >> 8) & 0xff, v & 0xff);
        }
        if (hex.matches("[0-9a-f]{3}")) {
            int v = Integer.parseInt(hex, 16);
            return new Rgb(((v >> 8) & 0xf) * 17, ((v >> 4) & 0xf) * 17, (v & 0xf) * 17);
        }
        throw new IllegalArgumentException("'" + text + "' is not a colour: use #rrggbb (for example #00ff00) or one of "
                + String.join(", ", new java.util.TreeSet<>(NAMES.keySet())));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }
}
