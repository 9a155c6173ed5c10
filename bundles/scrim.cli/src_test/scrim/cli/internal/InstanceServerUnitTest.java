package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket over a real Unix domain socket. */
class InstanceServerUnitTest {

    @TempDir
    Path dir;

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        return c;
    }

    private static String ask(Path socket, String request) throws IOException {
        try (SocketChannel c = connect(socket)) {
            c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(64);
            while (c.read(b) >= 0) {
                answer.write(b.array(), 0, b.position());
                b.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void answersEachRequestAndASilentClientDoesNotBlockTheNext() throws Exception {
        Path socket = dir.resolve("control.sock");
        Files.createFile(socket); // left by a killed instance
        try (InstanceServer server = InstanceServer.open(socket, request -> switch (request) {
            case "status" -> "all well\n";
            case "boom" -> throw new IllegalStateException("broken");
            default -> "unknown " + request + "\n";
        })) {
            assertEquals("all well\n", ask(socket, "status\n"));
            assertEquals("unknown show\n", ask(socket, "show\n"));
            assertTrue(ask(socket, "boom\n").startsWith("error java.lang.IllegalStateException: broken"), "a failing handler is an answer");
            try (SocketChannel silent = connect(socket)) {
                long t0 = System.nanoTime();
                assertEquals("all well\n", ask(socket, "status\n"), "served once the silent one timed out");
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(millis < InstanceServer.REQUEST_MILLIS + 1500, millis + " ms");
            }
        }
        assertFalse(Files.exists(socket), "closing removes the socket file");
        assertThrows(IOException.class, () -> connect(socket));
    }
}
