package scrim.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Start Scrim at login" entry, on real files: where it goes, what it says, and that it goes away. */
class AutostartUnitTest {

    @TempDir
    Path dir;

    @Test
    void writesAFreedesktopAutostartEntryThatStartsScrimInTheBackgroundAndRemovesIt() throws Exception {
        Path config = dir.resolve("config");
        Autostart a = Autostart.forUser(Map.of("XDG_CONFIG_HOME", config.toString()), "/home/nobody", dir.resolve("dist/../dist"));
        Path entry = config.resolve("autostart/scrim.desktop");
        assertEquals(entry, a.entry());
        assertFalse(a.enabled());

        a.enable();
        assertTrue(a.enabled());
        List<String> lines = Files.readAllLines(entry);
        assertEquals("[Desktop Entry]", lines.get(0));
        for (String expected : List.of("Type=Application", "Name=Scrim", "Exec=" + dir.resolve("dist/scrim") + " --background", "Icon=camera-web",
                "Terminal=false", "X-GNOME-Autostart-enabled=true")) {
            assertTrue(lines.contains(expected), "no line '" + expected + "' in:\n" + String.join("\n", lines));
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Comment=")), "no Comment");
        try (var left = Files.list(entry.getParent())) {
            assertEquals(List.of(entry), left.toList(), "only the entry is left (no temporary file)");
        }

        a.enable(); // again: replaced, not an error
        assertTrue(a.enabled());
        a.disable();
        assertFalse(a.enabled());
        assertFalse(Files.exists(entry));
        a.disable(); // nothing to remove: fine
    }

    @Test
    void withoutAnAbsoluteXdgConfigHomeTheEntryGoesUnderHomeDotConfig() {
        Path dist = dir.resolve("dist");
        assertEquals(Path.of("/home/nobody/.config/autostart/scrim.desktop"), Autostart.forUser(Map.of(), "/home/nobody", dist).entry());
        assertEquals(Path.of("/home/nobody/.config/autostart/scrim.desktop"),
                Autostart.forUser(Map.of("XDG_CONFIG_HOME", "relative/config"), "/home/nobody", dist).entry());
    }

    @Test
    void aLauncherPathWithSpacesOrReservedCharactersIsQuotedAsTheDesktopEntrySpecSays() throws Exception {
        assertEquals("/opt/scrim/scrim", Autostart.exec("/opt/scrim/scrim"));
        // quoted; inside quotes $ takes a backslash, which the string escaping doubles
        assertEquals("\"/home/a b/scrim\"", Autostart.exec("/home/a b/scrim"));
        assertEquals("\"/home/\\\\$x/scrim\"", Autostart.exec("/home/$x/scrim"));
        assertEquals("/home/100%%/scrim", Autostart.exec("/home/100%/scrim"));
        Autostart a = Autostart.forUser(Map.of("XDG_CONFIG_HOME", dir.toString()), "/home/nobody", dir.resolve("my apps"));
        a.enable();
        assertTrue(Files.readString(a.entry()).contains("Exec=\"" + dir.resolve("my apps/scrim") + "\" --background\n"));
    }
}
