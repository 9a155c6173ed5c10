package scrim.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counter with real inotify and the real /proc: a plain file stands in for the device node
 * (inotify reports opens and closes of any file) and child processes play the apps.
 */
class DeviceUsersUnitTest {

    @TempDir
    Path dir;

    private final BlockingQueue<Integer> changes = new LinkedBlockingQueue<>();
    private DeviceUsers users;
    private Process app;

    @AfterEach
    void end() {
        if (app != null) {
            app.destroyForcibly();
        }
        if (users != null) {
            users.close();
        }
    }

    private Path node() throws Exception {
        return Files.writeString(dir.resolve("video10"), "node");
    }

    private DeviceUsers count(Path node) {
        users = new DeviceUsers(node, () -> changes.add(users.count()));
        return users;
    }

    /** A program that holds the node open (as its standard input) until it is ended. */
    private Process holder(Path node) throws Exception {
        return new ProcessBuilder("sleep", "60").redirectInput(node.toFile()).start();
    }

    @Test
    void anAppOpeningAndClosingTheNodeIsCountedAndReported() throws Exception {
        Path node = node();
        app = holder(node);
        count(node);
        assertEquals(1, users.count(), "an app holding the node when counting starts is counted at once");

        long start = System.nanoTime();
        app.destroy();
        app.waitFor();
        assertEquals(0, changes.poll(2, TimeUnit.SECONDS), "the app closing the node is reported");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("DeviceUsersUnitTest: a close was reported after " + millis + " ms");

        try (FileInputStream mine = new FileInputStream(node.toFile())) {
            assertNull(changes.poll(500, TimeUnit.MILLISECONDS), "Scrim's own opens are not a consumer");
            assertEquals(0, users.count());
        }
        app = holder(node);
        assertEquals(1, changes.poll(2, TimeUnit.SECONDS), "a second app opening it is reported");
        Process second = holder(node);
        try {
            assertEquals(2, changes.poll(2, TimeUnit.SECONDS), "two apps are two consumers");
        } finally {
            second.destroy();
        }
        assertEquals(1, changes.poll(2, TimeUnit.SECONDS));
        assertNull(changes.poll(300, TimeUnit.MILLISECONDS), "one report per change");
    }

    @Test
    void aBurstOfShortOpensIsNotAConsumer() throws Exception {
        Path node = node();
        count(node);
        // a browser listing cameras: open, ask for 20 ms, close, five times in a row (in one process, so no fork lengthens an open)
        Process lister = new ProcessBuilder("python3", "-c",
                "import sys, time\nfor i in range(5):\n    f = open(sys.argv[1])\n    time.sleep(0.02)\n    f.close()", node.toString()).start();
        assertTrue(lister.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, lister.exitValue(), "the lister ran");
        assertNull(changes.poll(1, TimeUnit.SECONDS), "opens that end within the settle time are never reported as a consumer");
        assertEquals(0, users.count());

        app = holder(node);
        assertEquals(1, changes.poll(2, TimeUnit.SECONDS), "an app that stays is still reported after the burst");
    }

    @Test
    void aNodeThatDisappearsHasNoConsumers() throws Exception {
        Path node = node();
        app = holder(node);
        count(node);
        assertEquals(1, users.count());
        Files.delete(node);
        app.destroy(); // the last reference to the file goes: inotify ends the watch
        assertEquals(0, changes.poll(2, TimeUnit.SECONDS));
        assertEquals(0, users.count());
    }
}
