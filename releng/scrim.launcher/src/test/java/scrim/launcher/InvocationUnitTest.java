package scrim.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class InvocationUnitTest {

    private static Invocation of(boolean display, String... args) {
        return Invocation.of(List.of(args), display);
    }

    @Test
    void withADisplayNoCommandIsTheWindowAndItSavesTheSetup() {
        Invocation bare = of(true);
        assertEquals("window", bare.command());
        assertEquals(List.of("window"), bare.arguments());
        assertTrue(bare.savesSetup(), "bare ./scrim with a display is the window: it must resume and save the setup");
        assertEquals(List.of("window", "--input", "pattern"), of(true, "--input", "pattern").arguments());
        assertTrue(of(true, "--input", "pattern").savesSetup());
    }

    @Test
    void withoutADisplayOptionsMeanStartAndNothingMeansHelp() {
        assertEquals(List.of("start", "--input", "pattern"), of(false, "--input", "pattern").arguments());
        assertTrue(of(false, "--input", "pattern").savesSetup());
        assertEquals(List.of("help"), of(false).arguments());
        assertFalse(of(false).savesSetup());
    }

    @Test
    void onlyStartAndWindowTouchTheSavedSetup() {
        for (String command : new String[] {"run", "bench", "list", "doctor", "segment", "eval", "help", "fly"}) {
            assertFalse(of(true, command).savesSetup(), command);
            assertEquals(command, of(true, command).command());
        }
        assertTrue(of(false, "start").savesSetup());
        assertTrue(of(false, "window").savesSetup());
    }

    @Test
    void helpNeverTouchesTheSavedSetup() {
        assertEquals("help", of(true, "--help").command());
        assertEquals("help", of(false, "--input", "x", "-h").command());
        assertFalse(of(true, "start", "--help").savesSetup());
        assertEquals(List.of("start", "--help"), of(true, "start", "--help").arguments());
        assertTrue(of(true, "start", "--help").asksForHelp(), "the launcher prints the help for any command");
        assertTrue(of(false).asksForHelp());
        assertFalse(of(true, "start").asksForHelp());
    }

    @Test
    void versionAndBackgroundAreDecidedWithoutACommand() {
        assertEquals("version", of(true, "--version").command());
        assertFalse(of(true, "--version").savesSetup());
        assertEquals(List.of("window", "--background"), of(false, "--background").arguments(), "the tray, even before a display is set");
        assertTrue(of(false, "--background").savesSetup(), "the background instance is the session's one instance");
        assertEquals("status", of(true, "status").command());
        assertFalse(of(true, "status").savesSetup(), "status only asks the running instance");
    }
}
