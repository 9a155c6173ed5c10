package scrim.pixels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_videoio;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;

/**
 * Opens pictures and videos with errors that say what is wrong with the file and what to do.
 * The OpenCV bundled with Scrim has no FFmpeg: it reads Motion-JPEG AVI files and numbered
 * picture sequences, so other videos are refused with the command that converts them.
 */
public final class MediaFiles {

    private MediaFiles() {
    }

    /** Decodes a PNG or JPEG to BGR. */
    public static Mat readPicture(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("image " + file + " does not exist: check the path");
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new IOException("image " + file + " cannot be read: check it is a file you may read");
        }
        Mat picture = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_COLOR);
        if (picture == null || picture.empty()) {
            if (picture != null) {
                picture.close();
            }
            throw new IOException("image " + file + " is not a PNG or JPEG picture, or it is damaged: open it in an image viewer, or save it again as PNG or JPEG");
        }
        return picture;
    }

    /** Opens a video file, or a numbered sequence such as {@code frame%03d.png}. */
    public static VideoCapture openVideo(String file) throws IOException {
        boolean sequence = file.contains("%");
        if (!sequence && !Files.isRegularFile(Path.of(file))) {
            throw new IOException("video " + file + " does not exist: check the path");
        }
        VideoCapture capture = new VideoCapture(file, opencv_videoio.CAP_ANY);
        if (!capture.isOpened()) {
            capture.close();
            throw new IOException("cannot decode video " + file + ": Scrim's OpenCV reads Motion-JPEG AVI files and numbered picture sequences only;"
                    + " convert it with: ffmpeg -i '" + file + "' -c:v mjpeg -q:v 3 -an converted.avi");
        }
        return capture;
    }
}
