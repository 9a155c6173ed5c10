package scrim.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DoctorUnitTest {

    /** pkexec looks a bare name up in the user's PATH, which lacks /usr/sbin on Debian. */
    @Test
    void theLoadCommandNamesModprobeByItsAbsolutePath() {
        List<String> command = Doctor.loadCommand();
        Path modprobe = Path.of(command.get(0));
        assertTrue(modprobe.isAbsolute(), "not an absolute path: " + modprobe);
        assertTrue(Files.isExecutable(modprobe), modprobe + " is not this machine's modprobe");
        assertEquals(List.of("v4l2loopback", "exclusive_caps=1", "card_label=Scrim"), command.subList(1, command.size()));
    }
}
