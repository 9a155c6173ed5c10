package scrim.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Asks the running instance over its control socket: one request line per connection, the
 * answer is everything it writes until it closes the connection.
 */
final class InstanceClient {

    /** How long a starting instance (lock taken, socket not yet open) may take to answer. */
    static final long STARTING_MILLIS = 15_000;

    private InstanceClient() {
    }

    /**
     * Sends one request to the instance holding the lock in {@code dir}. While the lock is held but
     * nobody answers yet (the instance is still starting its framework), asks again until it does.
     *
     * @return the answer, or null when no instance runs (the lock is free)
     * @throws IOException when an instance holds the lock but does not answer in time
     */
    static String ask(Path dir, String request) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + STARTING_MILLIS;
        while (true) {
            String answer = askOnce(InstanceLock.socket(dir), request);
            if (answer != null) {
                return answer;
            }
            if (!held(dir)) {
                return null;
            }
            if (System.currentTimeMillis() > deadline) {
                long pid = InstanceLock.holder(dir);
                throw new IOException("a Scrim (pid " + (pid < 0 ? "unknown" : pid) + ") holds " + dir.resolve(InstanceLock.LOCK)
                        + " but does not answer on " + InstanceLock.socket(dir) + ": it may be stuck; stop it (kill " + (pid < 0 ? "PID" : pid) + ")");
            }
            Thread.sleep(100);
        }
    }

    /** The answer, or null when nothing listens on the socket. */
    static String askOnce(Path socket, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                return null; // no socket file, or a file left by a killed process (connection refused)
            }
            channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether a process holds the lock (taking it for a moment if it is free). */
    private static boolean held(Path dir) throws IOException {
        try (InstanceLock free = InstanceLock.tryTake(dir)) {
            return free == null;
        }
    }
}
