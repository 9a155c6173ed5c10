package scrim.source.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Tells a damaged AVI from one in another codec, for a video OpenCV could not open: OpenCV's
 * Motion-JPEG reader needs the whole file and its index (idx1, written last), so a file cut short
 * fails to open exactly as an MP4 does, and deserves another answer than "convert it".
 */
final class AviFile {

    private static final int RIFF = 0x46464952; // "RIFF", little-endian
    private static final int AVI = 0x20495641; // "AVI "
    private static final int IDX1 = 0x31786469; // "idx1"

    private AviFile() {
    }

    /** What is wrong with this AVI file, or null if it is not an AVI or looks whole. */
    static String damage(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer chunk = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            if (in.read(chunk, 0) < 12 || chunk.getInt(0) != RIFF || chunk.getInt(8) != AVI) {
                return null;
            }
            long end = (chunk.getInt(4) & 0xFFFFFFFFL) + 8;
            boolean indexed = false;
            long at = 12;
            while (at + 8 <= Math.min(end, size)) {
                chunk.clear().limit(8);
                in.read(chunk, at);
                indexed |= chunk.getInt(0) == IDX1;
                at += 8 + ((chunk.getInt(4) & 0xFFFFFFFFL) + 1 & ~1L); // chunks are padded to even sizes
            }
            if (end > size || at > size) {
                return String.format(Locale.ROOT, "the file ends early, at %d of its %d bytes (an unfinished download, copy or recording?)",
                        size, Math.max(end, at));
            }
            return indexed ? null : "it has no index (idx1), which is written when a recording ends (was the recording stopped properly?)";
        }
    }
}
