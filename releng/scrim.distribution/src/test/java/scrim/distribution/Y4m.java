package scrim.distribution;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a planar 4:2:2 YUV4MPEG2 file as Scrim writes it; independent of Scrim's own code. */
final class Y4m {

    final int width;
    final int height;
    final String header;
    final List<byte[]> frames = new ArrayList<>();

    Y4m(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            header = line(in);
            Matcher w = Pattern.compile(" W(\\d+)").matcher(header);
            Matcher h = Pattern.compile(" H(\\d+)").matcher(header);
            if (!header.startsWith("YUV4MPEG2 ") || !w.find() || !h.find() || !header.contains(" C422")) {
                throw new IOException("not a 4:2:2 YUV4MPEG2 header: " + header);
            }
            width = Integer.parseInt(w.group(1));
            height = Integer.parseInt(h.group(1));
            while (true) {
                String frame;
                try {
                    frame = line(in);
                } catch (EOFException e) {
                    break;
                }
                if (!frame.startsWith("FRAME")) {
                    throw new IOException("frame " + frames.size() + " does not start with FRAME");
                }
                byte[] data = new byte[width * height * 2];
                in.readFully(data);
                frames.add(data);
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
}
