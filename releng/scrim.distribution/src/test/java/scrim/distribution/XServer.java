package scrim.distribution;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A virtual X server on a free display number, which it picks itself (-displayfd). */
final class XServer implements AutoCloseable {

    final String display;
    private final Process process;

    private XServer(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    static XServer start(Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(false).redirectError(log.toFile()).start();
        p.getOutputStream().close();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        // it writes the display number once it accepts connections
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String n;
        try {
            n = number.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            n = null;
        }
        if (n == null || !n.strip().matches("\\d+")) {
            p.destroyForcibly();
            throw new AssertionError("Xvfb did not start: " + Files.readString(log));
        }
        System.out.println("Xvfb on :" + n.strip());
        return new XServer(p, ":" + n.strip());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
