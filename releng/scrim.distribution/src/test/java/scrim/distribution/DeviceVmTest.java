package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Scrim against real V4L2 devices: a QEMU guest with Debian's kernel, v4l2loopback as the
 * output and the kernel's vivid camera as the input (releng/v4l2-vm, see its README.md). The
 * guest script, releng/v4l2-vm/guest/scrim-test.sh, runs the built distribution through its
 * steps; its exit status is the verdict. Runs wherever qemu is installed, and always in CI
 * (CI=true), where setup.sh installs what it needs.
 */
class DeviceVmTest {

    private static final Path REPO = repoRoot();
    private static final Path HARNESS = REPO.resolve("releng/v4l2-vm");

    @Test
    void scrimDrivesRealDevicesInAVirtualMachine() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || onPath("qemu-system-x86_64"), "the device test VM needs qemu; to run it: "
                + "sudo bash releng/v4l2-vm/setup.sh, then ./mvnw -B verify");
        assertTrue(Files.isExecutable(Scrim.DISTRIBUTION.resolve("scrim")), "no distribution at " + Scrim.DISTRIBUTION);

        StringBuilder failure = new StringBuilder();
        assertEquals(0, run("setup", 900, failure, "bash", HARNESS.resolve("setup.sh").toString()),
                () -> "releng/v4l2-vm/setup.sh failed:\n" + failure);
        assertEquals(0, run("vm", 2700, failure, "bash", HARNESS.resolve("run.sh").toString(),
                HARNESS.resolve("guest/scrim-test.sh").toString()),
                () -> "the guest test failed (the console is in the VM's run/console.log):\n" + failure);
    }

    /**
     * Runs a command in the repo, its output streamed to stdout; returns its exit status. The last
     * lines, from a "FAIL" line on when there is one, are kept in {@code failure} for the assertion
     * message, so that a CI summary that shows only the failed assertion still says what failed.
     */
    private static int run(String name, int seconds, StringBuilder failure, String... command)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                boolean failed = false;
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[" + name + "] " + line);
                    synchronized (tail) {
                        if (!failed && line.startsWith("FAIL ")) {
                            failed = true;
                            tail.clear();
                        }
                        tail.addLast(line);
                        if (tail.size() > (failed ? 60 : 30)) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                System.out.println("[" + name + "] output lost: " + e);
            }
        }, "device-vm-" + name);
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s");
        }
        reader.join(10_000);
        synchronized (tail) {
            failure.setLength(0);
            tail.forEach(line -> failure.append(line).append('\n'));
        }
        return p.exitValue();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The repo: four levels above the distribution (releng/scrim.distribution/target/scrim). */
    private static Path repoRoot() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Scrim.DISTRIBUTION.getParent().getParent().getParent().getParent());
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            candidates.add(p);
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("releng/v4l2-vm/run.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no releng/v4l2-vm/run.sh above " + Scrim.DISTRIBUTION);
    }
}
