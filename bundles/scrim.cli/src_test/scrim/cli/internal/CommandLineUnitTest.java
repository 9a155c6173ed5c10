package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineUnitTest {

    private static CommandLine parse(String... args) {
        return CommandLine.parse(List.of(args));
    }

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void parsesARun() {
        CommandLine cl = parse("run", "--input", "pattern", "--output=/tmp/a.y4m", "--size", "1280x720", "--fps", "30",
                "--effect", "blur", "--effect", "image:file=a.jpg,fit=cover", "--mirror", "--frames", "300");
        assertEquals("run", cl.command);
        assertEquals("pattern", cl.get("input"));
        assertEquals("/tmp/a.y4m", cl.get("output"));
        assertEquals(List.of("blur", "image:file=a.jpg,fit=cover"), cl.all("effect"));
        assertTrue(cl.flag("mirror"));
        assertEquals(300, cl.count("frames", 0));
    }

    @Test
    void helpAnywhereMeansHelp() {
        assertEquals("help", parse().command);
        assertEquals("help", parse("help", "--help").command);
        assertEquals("help", parse("run", "--input", "x", "--help").command);
    }

    @Test
    void badCommandLinesNameTheProblem() {
        assertTrue(error("fly").contains("unknown command 'fly'"));
        assertTrue(error("run", "--colour", "red").contains("no option --colour"));
        assertTrue(error("run", "--colour", "red").contains("--input"), "lists the valid options");
        assertTrue(error("run", "--input").contains("--input needs a value"));
        assertTrue(error("run", "--input", "a", "--input", "b").contains("given twice"));
        assertTrue(error("run", "--mirror=yes").contains("takes no value"));
        assertTrue(error("run", "input").contains("unexpected argument 'input'"));
        assertTrue(error("list", "--input", "x").contains("no option --input"));
    }

    @Test
    void outputsMayRepeatForSeveralAtOnce() {
        assertEquals(List.of("/dev/video9", "pipewire"), parse("run", "--output", "/dev/video9", "--output", "pipewire").all("output"));
    }

    @Test
    void frameCountsMustBePositive() {
        for (String bad : new String[] {"0", "-3", "many", "1.5"}) {
            CommandLine cl = parse("run", "--frames", bad);
            String m = assertThrows(IllegalArgumentException.class, () -> cl.count("frames", 0)).getMessage();
            assertTrue(m.contains("not a positive whole number"), m);
        }
        assertEquals(300, parse("bench").count("frames", 300));
    }

    @Test
    void theHelpIsOneFileThatDocumentsStatusAndVersion() throws Exception {
        String help = CommandLine.help();
        assertTrue(help.startsWith("Scrim: a virtual webcam") && help.endsWith("(the output is complete).\n"), help);
        assertTrue(help.contains("scrim status") && help.contains("scrim --version"), help);
    }
}
