package scrim.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The tray's last three backgrounds: the newest first, none twice, at most three. */
class PresetsUnitTest {

    @Test
    void theLastThreePicturesAreKeptNewestFirstWithoutRepeats() {
        List<String> r = Presets.remembered(List.of(), "/p/a.jpg");
        assertEquals(List.of("/p/a.jpg"), r);
        r = Presets.remembered(r, "/p/b.jpg");
        r = Presets.remembered(r, "/p/c.jpg");
        assertEquals(List.of("/p/c.jpg", "/p/b.jpg", "/p/a.jpg"), r);
        r = Presets.remembered(r, "/p/d.jpg");
        assertEquals(List.of("/p/d.jpg", "/p/c.jpg", "/p/b.jpg"), r);
        r = Presets.remembered(r, "/p/b.jpg"); // used again: moves to the front, not kept twice
        assertEquals(List.of("/p/b.jpg", "/p/d.jpg", "/p/c.jpg"), r);
    }
}
