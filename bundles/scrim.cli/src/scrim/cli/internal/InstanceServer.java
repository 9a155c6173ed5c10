package scrim.cli.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The running instance's control socket ({@code $XDG_RUNTIME_DIR/scrim/control.sock}, in a
 * folder only the user may enter): a second start asks it to show the window, {@code scrim
 * status} asks for the status. One request line per connection; the answer is written and the
 * connection closed. Served on one daemon thread; a client that connects and says nothing is
 * dropped after {@link #REQUEST_MILLIS}, so it cannot block the next one.
 */
final class InstanceServer implements AutoCloseable {

    /** Answers one request ({@code show}, {@code status}); never called on two threads at once. */
    interface Handler {
        String answer(String request) throws Exception;
    }

    static final long REQUEST_MILLIS = 2000;
    /** Requests are single words; a longer line is not one of ours. */
    private static final int MAX_REQUEST = 256;

    private final Path socket;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final Thread thread;

    private InstanceServer(Path socket, ServerSocketChannel server, Handler handler) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.thread = new Thread(this::serve, "scrim-instance");
        thread.setDaemon(true);
    }

    /**
     * Listens on {@code socket}. The launcher holds the session's instance lock and has removed a
     * socket file left by a killed instance; one left since is removed here for the same reason.
     */
    static InstanceServer open(Path socket, Handler handler) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("cannot listen on " + socket + " (" + e.getMessage() + "): a second scrim cannot reach this one;"
                    + " set XDG_RUNTIME_DIR to a short folder of your own", e);
        }
        InstanceServer s = new InstanceServer(socket, server, handler);
        s.thread.start();
        return s;
    }

    private void serve() {
        while (true) {
            try (SocketChannel client = server.accept()) {
                String request = readLine(client);
                if (request != null) {
                    client.write(ByteBuffer.wrap(answer(request).getBytes(StandardCharsets.UTF_8)));
                }
            } catch (ClosedChannelException e) {
                return; // closed: the instance is stopping
            } catch (IOException e) {
                // this client went away; serve the next
            }
        }
    }

    private String answer(String request) {
        try {
            return handler.answer(request);
        } catch (Exception e) {
            return "error " + e + "\n";
        }
    }

    /** The request line, or null when the client sent none in time. */
    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer line = ByteBuffer.allocate(MAX_REQUEST);
        client.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            client.register(selector, SelectionKey.OP_READ);
            long deadline = System.currentTimeMillis() + REQUEST_MILLIS;
            while (line.hasRemaining()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int read = client.read(line);
                String text = new String(line.array(), 0, line.position(), StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                if (end >= 0) {
                    return text.substring(0, end).strip();
                }
                if (read < 0) {
                    return text.strip(); // the client closed its side after the request
                }
            }
            return null;
        } finally {
            client.configureBlocking(true); // the selector is closed: the answer is written whole
        }
    }

    /** Stops answering and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
            thread.join(REQUEST_MILLIS + 1000);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the next instance replaces the file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
