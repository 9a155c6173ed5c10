package scrim.source.media.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import scrim.api.VideoFormat;
import scrim.pixels.MediaFiles;

/**
 * A PNG or JPEG picture read as an input needs it: its size from the header without decoding,
 * a file that was cut short refused (decoders fill the missing part with grey and carry on), and
 * the picture decoded no larger than the frame it has to cover (a JPEG is scaled while it is
 * decoded, so a 20000x20000 photo costs a fraction of its 1.2 GB).
 */
final class PictureFile {

    /** Reductions OpenCV decodes at, largest first, with their flags. */
    private static final int[] REDUCTIONS = {8, 4, 2};
    private static final int[] REDUCED_FLAGS = {opencv_imgcodecs.IMREAD_REDUCED_COLOR_8, opencv_imgcodecs.IMREAD_REDUCED_COLOR_4,
        opencv_imgcodecs.IMREAD_REDUCED_COLOR_2};

    /** The picture's size as shown (a JPEG's EXIF rotation applied). */
    record Size(int width, int height) {
    }

    private PictureFile() {
    }

    /**
     * The picture's size as an input offers it: its own size with an even width, or scaled down
     * to fit {@link VideoFormat#MAX_SIDE} when larger.
     */
    static VideoFormat naturalFormat(Path file) throws IOException {
        Size size = size(file);
        double scale = Math.min(1, Math.min((double) VideoFormat.MAX_SIDE / size.width(), (double) VideoFormat.MAX_SIDE / size.height()));
        int w = (int) (size.width() * scale) & ~1;
        int h = (int) (size.height() * scale);
        return VideoFormat.yuyv(Math.max(2, w), Math.max(2, h), 30);
    }

    /** Decodes the picture at the smallest reduction that still covers {@code width x height}, as BGR. */
    static Mat read(Path file, int width, int height) throws IOException {
        Size size = size(file);
        // the reduced picture must still cover the frame; either orientation, in case EXIF and header disagree
        double cover = Math.max(Math.max((double) width / size.width(), (double) height / size.height()),
                Math.max((double) width / size.height(), (double) height / size.width()));
        for (int i = 0; i < REDUCTIONS.length; i++) {
            if (REDUCTIONS[i] * cover <= 1) {
                Mat picture = opencv_imgcodecs.imread(file.toString(), REDUCED_FLAGS[i]);
                if (picture != null && !picture.empty()) {
                    return picture;
                }
                if (picture != null) {
                    picture.close();
                }
                break; // let the full decode say what is wrong
            }
        }
        return MediaFiles.readPicture(file);
    }

    /**
     * The size from the header, after checking the file is whole. Files that are neither PNG nor
     * JPEG, or missing, are left to OpenCV, whose answer {@link MediaFiles} turns into a message.
     */
    static Size size(Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            try (Mat picture = MediaFiles.readPicture(file)) { // says what is wrong with the path
                return new Size(picture.cols(), picture.rows());
            }
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            in.mark(8);
            byte[] head = in.readNBytes(8);
            if (head.length == 8 && ByteBuffer.wrap(head).getLong() == 0x89504E470D0A1A0AL) {
                return png(in);
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
                in.reset();
                in.skipNBytes(2);
                Size size = jpeg(in);
                if (size != null) {
                    return size;
                }
            }
        } catch (EOFException e) {
            throw new IOException("image " + file + " is damaged: the file ends before the picture does (cut short while downloading or"
                    + " copying?); open it in an image viewer, or save it again as PNG or JPEG", e);
        }
        try (Mat picture = MediaFiles.readPicture(file)) { // not a structure we know: OpenCV decides
            return new Size(picture.cols(), picture.rows());
        }
    }

    /** Walks the chunks up to IEND; the size is in IHDR. */
    private static Size png(DataInputStream in) throws IOException {
        Size size = null;
        while (true) {
            long length = in.readInt() & 0xFFFFFFFFL;
            int type = in.readInt();
            if (type == 0x49484452) { // IHDR
                size = new Size(in.readInt(), in.readInt());
                length -= 8;
            }
            in.skipNBytes(length + 4); // data and CRC
            if (type == 0x49454E44) { // IEND
                return size;
            }
        }
    }

    /**
     * Walks the segments and the compressed data up to EOI (the data after it, such as a phone's
     * motion-photo video, is not read); the size is in the frame header (SOFn), the rotation in
     * EXIF. Null when the bytes are not JPEG segments at all.
     */
    private static Size jpeg(DataInputStream in) throws IOException {
        int width = 0;
        int height = 0;
        boolean turned = false;
        int marker = in.readUnsignedShort();
        while (true) {
            if (marker >>> 8 != 0xFF) {
                return null;
            }
            int type = marker & 0xFF;
            if (type == 0xD9) { // EOI: the picture is whole
                return width == 0 ? null : turned ? new Size(height, width) : new Size(width, height);
            }
            if (type == 0xFF) { // fill byte before a marker
                marker = 0xFF00 | in.readUnsignedByte();
                continue;
            }
            if (type == 0x01 || type >= 0xD0 && type <= 0xD8) { // markers without a segment
                marker = in.readUnsignedShort();
                continue;
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                return null;
            }
            byte[] segment = in.readNBytes(length);
            if (segment.length < length) {
                throw new EOFException();
            }
            if (type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC && length >= 5) {
                height = (segment[1] & 0xFF) << 8 | segment[2] & 0xFF;
                width = (segment[3] & 0xFF) << 8 | segment[4] & 0xFF;
            } else if (type == 0xE1) {
                turned |= Exif.turnsAQuarter(segment);
            }
            marker = type == 0xDA ? afterScan(in) : in.readUnsignedShort();
        }
    }

    /** Skips compressed data (where FF is followed by 00 or a restart marker) to the next marker. */
    private static int afterScan(InputStream in) throws IOException {
        int previous = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (previous == 0xFF && b != 0 && b != 0xFF && !(b >= 0xD0 && b <= 0xD7)) {
                return 0xFF00 | b;
            }
            previous = b;
        }
    }
}
