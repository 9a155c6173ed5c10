package scrim.pixels;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The same bytes seen with another number of channels, such as YUYV pixels ({@code CV_8UC2})
 * as pairs ({@code CV_8UC4}). Making a view allocates a native header, so a view is kept
 * while the picture's buffer stays, which it does until the frame size changes.
 */
public final class Views {

    private Views() {
    }

    /**
     * A view of {@code of} with {@code channels} channels: {@code cached} if it still is one,
     * otherwise a new view ({@code cached} is then closed). Use as {@code v = reshaped(m, 4, v)}.
     */
    public static Mat reshaped(Mat of, int channels, Mat cached) {
        if (!cached.empty() && cached.data().address() == of.data().address() && cached.rows() == of.rows()
                && (long) cached.cols() * channels == (long) of.cols() * of.channels()) {
            return cached;
        }
        cached.close();
        return of.reshape(channels, of.rows());
    }
}
