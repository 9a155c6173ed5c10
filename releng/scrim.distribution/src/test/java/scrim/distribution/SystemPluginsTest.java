package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system plugin folder (/usr/share/scrim/plugins, here a temporary folder named by
 * SCRIM_SYSTEM_PLUGINS): its effect is usable in a run while the user's load folder is empty, a
 * broken jar beside it is reported and skipped, the folder is never written to, and a copy of the
 * same bundle in the load folder overrides it. A missing folder says nothing.
 */
class SystemPluginsTest {

    @TempDir
    Path home;

    @Test
    void effectFromTheSystemFolderFillsTheBackground() throws Exception {
        Path system = Files.createDirectories(home.resolve("system"));
        Files.copy(Scrim.testPlugin("scrim.test.fill"), system.resolve("scrim.test.fill.jar"));
        Files.writeString(system.resolve("broken.jar"), "not a jar");
        List<String> before = listing(system);
        Path out = home.resolve("system.y4m");

        Scrim s = Scrim.start(home, Map.of("SCRIM_SYSTEM_PLUGINS", system.toString()), "run", "--input", "pattern", "--size", "160x120",
                "--fps", "30", "--frames", "30", "--model", "scene", "--effect", "testfill", "--output", out.toString());
        assertEquals(0, s.waitFor(120), s.stderr());

        assertTrue(listing(s.load).isEmpty(), "the user's load folder stays empty");
        assertFalse(s.stderr().contains("not installed"), s.stderr());
        assertTrue(s.stderr().contains("plugin " + system.resolve("broken.jar") + " did not install"), "the broken jar is named: " + s.stderr());
        assertEquals(before, listing(system), "nothing written into the system folder");
        Y4m video = new Y4m(out);
        assertEquals(30, video.frames.size());
        for (byte[] f : video.frames) {
            int magenta = video.fillPixels(f);
            assertTrue(magenta > video.width * video.height / 3, "background filled by the system folder's effect: " + magenta);
        }
    }

    @Test
    void usersCopyOverridesTheSystemOneAndListNamesBothFolders() throws Exception {
        Path system = Files.createDirectories(home.resolve("system"));
        Path jar = Scrim.testPlugin("scrim.test.fill");
        Files.copy(jar, system.resolve("packaged-fill.jar"));
        Files.createDirectories(home.resolve("load"));
        Files.copy(jar, home.resolve("load/scrim.test.fill.jar"));

        Scrim s = Scrim.start(home, Map.of("SCRIM_SYSTEM_PLUGINS", system.toString()), "list");
        assertEquals(0, s.waitFor(120), s.stderr());

        String said = s.stdout();
        assertTrue(said.contains("testfill"), said);
        assertTrue(said.contains(s.load.toString()) && said.contains(system.toString()), "list names both plugin folders: " + said);
        assertTrue(said.contains(system.resolve("packaged-fill.jar") + ": your copy in the load folder is used instead"), said);
        assertFalse(s.stderr().contains("scrim.test.fill"), "no clash of the two copies: " + s.stderr());
    }

    @Test
    void missingSystemFolderIsSilent() throws Exception {
        Path missing = home.resolve("not-there");
        Scrim s = Scrim.start(home, Map.of("SCRIM_SYSTEM_PLUGINS", missing.toString()), "doctor");
        s.waitFor(120);
        assertFalse(s.stderr().contains(missing.toString()), s.stderr());
        assertTrue(s.stdout().contains("OK      plugins load from " + s.load + " (yours) and " + missing), s.stdout());
        assertFalse(Files.exists(missing), "the launcher made no system folder");
    }

    private static List<String> listing(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName() + " " + p.toFile().length()).sorted().toList();
        }
    }
}
