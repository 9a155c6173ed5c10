package scrim.distribution;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a planar 4:2:2 YUV4MPEG2 file as Scrim writes it; independent of Scrim's own code. */
final class Y4m {

    final int width;
    final int height;
    final String header;
    final List<byte[]> frames = new ArrayList<>();

    /** Reads the header and every frame, kept in {@link #frames}. */
    Y4m(Path file) throws IOException {
        this(file, null);
    }

    /**
     * Reads the header and hands each frame to {@code each} instead of keeping it (a long run
     * does not fit in memory); the array is reused, so copy what must outlive the call.
     */
    Y4m(Path file, Consumer<byte[]> each) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            header = line(in);
            Matcher w = Pattern.compile(" W(\\d+)").matcher(header);
            Matcher h = Pattern.compile(" H(\\d+)").matcher(header);
            if (!header.startsWith("YUV4MPEG2 ") || !w.find() || !h.find() || !header.contains(" C422")) {
                throw new IOException("not a 4:2:2 YUV4MPEG2 header: " + header);
            }
            width = Integer.parseInt(w.group(1));
            height = Integer.parseInt(h.group(1));
            byte[] reused = new byte[width * height * 2];
            for (int n = 0;; n++) {
                String frame;
                try {
                    frame = line(in);
                } catch (EOFException e) {
                    break;
                }
                if (!frame.startsWith("FRAME")) {
                    throw new IOException("frame " + n + " does not start with FRAME");
                }
                byte[] data = each == null ? new byte[width * height * 2] : reused;
                in.readFully(data);
                if (each == null) {
                    frames.add(data);
                } else {
                    each.accept(data);
                }
            }
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException();
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    int y(byte[] frame, int x, int yy) {
        return frame[yy * width + x] & 0xff;
    }

    int u(byte[] frame, int x, int yy) {
        return frame[width * height + yy * (width / 2) + x / 2] & 0xff;
    }

    int v(byte[] frame, int x, int yy) {
        return frame[width * height + width * height / 2 + yy * (width / 2) + x / 2] & 0xff;
    }

    /** Magenta in limited-range BT.601: what the test fill effect writes to every background pixel. */
    static final int FILL_Y = 107;
    static final int FILL_U = 202;
    static final int FILL_V = 222;

    /** The pixels of this frame that are exactly the fill effect's magenta. */
    int fillPixels(byte[] frame) {
        int n = 0;
        for (int yy = 0; yy < height; yy++) {
            for (int x = 0; x < width; x++) {
                if (y(frame, x, yy) == FILL_Y && u(frame, x, yy) == FILL_U && v(frame, x, yy) == FILL_V) {
                    n++;
                }
            }
        }
        return n;
    }
}
