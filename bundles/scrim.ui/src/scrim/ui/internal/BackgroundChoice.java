package scrim.ui.internal;

import java.util.ArrayList;
import java.util.List;

import scrim.api.Pipeline;

/**
 * One tile of the gallery: what it shows and the one- or two-effect chain it sets, through the
 * same saved setups (ConfigAdmin) as the Effects view. A picture or video gets the light wrap
 * after it, so the person sits in the new scene rather than on top of it.
 *
 * @param background the picture or video, for {@link Kind#PICTURE} and {@link Kind#VIDEO} only
 */
record BackgroundChoice(String id, String label, Kind kind, Background background) {

    enum Kind { NONE, SLIGHT_BLUR, BLUR, DIM, PIXELATE, COLOUR, PICTURE, VIDEO }

    static final String BLUR_PID = "scrim.effect.blur";
    static final String COLOUR_PID = "scrim.effect.color";
    static final String VIDEO_PID = "scrim.effect.video";
    static final double SLIGHT_BLUR = 0.15;
    static final double BLUR = 0.5;
    /** A blur weaker than this counts as the slight one when the chain was set elsewhere. */
    private static final double SLIGHT_BELOW = 0.3;
    static final String DEFAULT_COLOUR = "#2e5e8c";

    /** None, the blurs, dim, pixelate and colour, then one tile per background. */
    static List<BackgroundChoice> all(List<Background> backgrounds) {
        List<BackgroundChoice> all = new ArrayList<>(List.of(
                fixed("none", "None", Kind.NONE), fixed("slightblur", "Slight blur", Kind.SLIGHT_BLUR), fixed("blur", "Blur", Kind.BLUR),
                fixed("dim", "Dim", Kind.DIM), fixed("pixelate", "Pixelate", Kind.PIXELATE), fixed("colour", "Colour", Kind.COLOUR)));
        backgrounds.forEach(b -> all.add(of(b)));
        return all;
    }

    static BackgroundChoice of(Background b) {
        return new BackgroundChoice(b.id(), b.label(), b.video() ? Kind.VIDEO : Kind.PICTURE, b);
    }

    private static BackgroundChoice fixed(String id, String label, Kind kind) {
        return new BackgroundChoice(id, label, kind, null);
    }

    /** Sets the effect's settings first, then the chain, so the chain never shows the old ones. */
    void apply(Services s) {
        switch (kind) {
            case SLIGHT_BLUR -> s.setup(BLUR_PID).set("strength", SLIGHT_BLUR);
            case BLUR -> s.setup(BLUR_PID).set("strength", BLUR);
            case PICTURE -> s.setup(Presets.IMAGE_PID).set(Presets.IMAGE_FILE, background.file().toString());
            case VIDEO -> s.setup(VIDEO_PID).set("file", background.file().toString());
            case COLOUR -> {
                if (s.setup(COLOUR_PID).get("color") == null) {
                    s.setup(COLOUR_PID).set("color", DEFAULT_COLOUR); // the effect's own default is a keying green
                }
            }
            default -> {
                // no settings: the effect's defaults
            }
        }
        s.engine().setList(Pipeline.CONFIG_EFFECTS, chain());
    }

    List<String> chain() {
        return switch (kind) {
            case NONE -> List.of();
            case SLIGHT_BLUR, BLUR -> List.of("blur");
            case DIM -> List.of("dim");
            case PIXELATE -> List.of("pixelate");
            case COLOUR -> List.of("color");
            case PICTURE -> List.of("image", "lightwrap");
            case VIDEO -> List.of("video", "lightwrap");
        };
    }

    /** What the gallery compares its tiles with, read once per refresh. */
    record Setup(List<String> chain, double blurStrength, String picture, String video) {

        static Setup read(Services s) {
            double strength;
            try {
                strength = Double.parseDouble(s.setup(BLUR_PID).text("strength", String.valueOf(BLUR)));
            } catch (NumberFormatException e) {
                strength = BLUR;
            }
            return new Setup(s.engine().list(Pipeline.CONFIG_EFFECTS), strength, s.setup(Presets.IMAGE_PID).text(Presets.IMAGE_FILE, ""),
                    s.setup(VIDEO_PID).text("file", ""));
        }
    }

    /** Whether the pipeline is set up as this tile says, whoever set it (the tile, the Effects view, the tray, the command line). */
    boolean isCurrent(Setup now) {
        List<String> chain = now.chain();
        List<String> bare = chain.size() == 2 && chain.get(1).equals("lightwrap") ? chain.subList(0, 1) : chain;
        return switch (kind) {
            case NONE -> chain.isEmpty();
            case SLIGHT_BLUR, BLUR -> chain.equals(List.of("blur")) && (kind == Kind.SLIGHT_BLUR) == (now.blurStrength() < SLIGHT_BELOW);
            case DIM, PIXELATE, COLOUR -> chain.equals(chain());
            case PICTURE -> bare.equals(List.of("image")) && background.file().toString().equals(now.picture());
            case VIDEO -> bare.equals(List.of("video")) && background.file().toString().equals(now.video());
        };
    }
}
