package scrim.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device watcher on a folder standing in for /dev: plain files play the nodes, their text
 * says what the node is ("camera", "loopback", or "denied" for one that cannot be opened), and
 * the probe counts how often each node is opened.
 */
class DeviceWatcherUnitTest {

    @TempDir
    Path dev;

    private final Map<String, Integer> opened = new TreeMap<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private synchronized DeviceInfo probe(Path node) throws V4l2Exception {
        opened.merge(node.getFileName().toString(), 1, Integer::sum);
        String what;
        try {
            what = Files.readString(node).trim();
        } catch (NoSuchFileException e) {
            throw new V4l2Exception(node + " does not exist", Libc.ENOENT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        switch (what) {
            case "camera":
                return new DeviceInfo(node.toString(), "uvcvideo", "Camera", V4l2.CAP_VIDEO_CAPTURE);
            case "loopback":
                return new DeviceInfo(node.toString(), "v4l2 loopback", "Other program", V4l2.CAP_VIDEO_OUTPUT);
            default:
                throw new V4l2Exception("permission denied on " + node, Libc.EACCES);
        }
    }

    private synchronized Map<String, Integer> opened() {
        return new TreeMap<>(opened);
    }

    private DeviceWatcher watchCameras() {
        return new DeviceWatcher("test-watcher", dev, this::probe, DeviceInfo::isCamera,
                d -> events.add("+" + Path.of(d.path()).getFileName()), d -> events.add("-" + Path.of(d.path()).getFileName()));
    }

    /** Creates a node at once, as the kernel does (a file moved in, never seen half-written). */
    private void plug(String name, String what) throws IOException {
        Path staged = Files.writeString(dev.resolveSibling(dev.getFileName() + "-" + name), what);
        Files.move(staged, dev.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private String next() throws InterruptedException {
        return events.poll(3, TimeUnit.SECONDS);
    }

    @Test
    void eachNodeIsOpenedOnceNotEverySecond() throws Exception {
        plug("video0", "camera");
        plug("video1", "loopback"); // another program's device: not a camera
        plug("video2", "denied");   // cannot be opened
        try (DeviceWatcher w = watchCameras()) {
            assertEquals("+video0", next());
            Thread.sleep(2500);
            assertEquals(Map.of("video0", 1, "video1", 1, "video2", 1), opened(),
                    "every node is opened once when it appears, whatever it turned out to be, and not again");
            assertNull(events.poll(), "nothing came or went");
        }
        assertEquals("-video0", events.poll());
    }

    @Test
    void followsNodesThatComeAndGoAndOnesWhosePermissionsChange() throws Exception {
        plug("video2", "denied");
        try (DeviceWatcher w = watchCameras()) {
            plug("video3", "camera");
            assertEquals("+video3", next(), "a camera plugged in appears");
            plug("video4", "loopback");
            Files.delete(dev.resolve("video3"));
            assertEquals("-video3", next(), "a camera unplugged disappears");

            Files.writeString(dev.resolve("video2"), "camera");
            Files.setPosixFilePermissions(dev.resolve("video2"), PosixFilePermissions.fromString("rw-rw-rw-"));
            assertEquals("+video2", next(), "a node whose permissions change (udev setting the group) is asked again");
            Thread.sleep(1500);
            assertEquals(Map.of("video2", 2, "video3", 1, "video4", 1), opened());
            assertNull(events.poll());
        }
        assertEquals("-video2", events.poll());
    }

    @Test
    void nodesPresentAtTheStartAreReportedBeforeTheConstructorReturns() throws Exception {
        plug("video0", "camera");
        try (DeviceWatcher w = watchCameras()) {
            assertEquals("+video0", events.poll(), "the first scan is synchronous: sources exist once the component is active");
        }
    }
}
