package scrim.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which tile is marked for a chain, whoever set it: the gallery, the Effects view, the tray or the command line. */
class BackgroundChoiceUnitTest {

    private static final Path BEACH = Path.of("/home/me/.local/share/scrim/backgrounds/beach.jpg");
    private final List<BackgroundChoice> all = BackgroundChoice.all(List.of(
            new Background("own:beach.jpg", "beach", BEACH, false, true),
            new Background("own:clip.avi", "clip", Path.of("/home/me/clip.avi"), true, true)));

    private List<String> marked(List<String> chain, double strength, String picture) {
        BackgroundChoice.Setup now = new BackgroundChoice.Setup(chain, strength, picture, "");
        return all.stream().filter(c -> c.isCurrent(now)).map(BackgroundChoice::id).toList();
    }

    @Test
    void marksExactlyTheTileThatMatchesTheRunningChain() {
        assertEquals(List.of("none"), marked(List.of(), 0.5, ""));
        assertEquals(List.of("blur"), marked(List.of("blur"), 0.5, ""));
        assertEquals(List.of("slightblur"), marked(List.of("blur"), 0.15, ""));
        assertEquals(List.of("own:beach.jpg"), marked(List.of("image", "lightwrap"), 0.5, BEACH.toString()));
        assertEquals(List.of("own:beach.jpg"), marked(List.of("image"), 0.5, BEACH.toString()), "the tray's picture preset has no light wrap");
        assertEquals(List.of(), marked(List.of("image", "lightwrap"), 0.5, "/elsewhere/other.jpg"), "a picture not in the gallery");
        assertEquals(List.of(), marked(List.of("blur", "dim"), 0.5, ""), "a chain built in the Effects view is no tile");
    }

    @Test
    void eachTileSetsAOneOrTwoEffectChain() {
        assertEquals(List.of(List.of(), List.of("blur"), List.of("blur"), List.of("dim"), List.of("pixelate"), List.of("color"),
                List.of("image", "lightwrap"), List.of("video", "lightwrap")), all.stream().map(BackgroundChoice::chain).toList());
    }
}
