package scrim.packages.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip -9n as Debian wants it for man pages and changelogs: best compression, no name, no time stamp (the
 * same bytes every build). Also a command: {@code Gzip IN OUT.gz}.
 */
public final class Gzip {
    private static final int XFL = 8;
    private static final byte XFL_BEST = 2;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Gzip IN OUT.gz");
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, best(Files.readAllBytes(Path.of(args[0]))));
    }

    static byte[] best(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            z.write(data);
        }
        byte[] gz = bytes.toByteArray();
        gz[XFL] = XFL_BEST; // Java writes 0 here; tools (file, lintian) read it as "compressed with -9"
        return gz;
    }
}
