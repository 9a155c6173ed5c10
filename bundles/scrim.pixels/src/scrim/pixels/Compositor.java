package scrim.pixels;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * Puts the person over a background in YUYV: out = person * a + background * (1 - a), with
 * a = mask / 255 per pixel (the chroma sample of a pixel follows that pixel's alpha). 8-bit
 * arithmetic in OpenCV, scratch kept between calls: no allocation once the size is known.
 * One instance per thread.
 */
public final class Compositor implements AutoCloseable {

    private final Mat alpha2 = new Mat();
    private final Mat inverse2 = new Mat();
    private final Mat personPart = new Mat();
    private final Mat backgroundPart = new Mat();
    private final MatVector pair = new MatVector(2);

    /**
     * @param person     YUYV ({@code CV_8UC2}) picture to keep where the mask is set
     * @param background YUYV picture of the same size for the rest
     * @param mask       {@code CV_8UC1} alpha of the same size, 255 = person
     * @param out        receives the result; may be person or background
     */
    public void compose(Mat person, Mat background, Mat mask, Mat out) {
        pair.put(0, mask);
        pair.put(1, mask);
        opencv_core.merge(pair, alpha2);
        opencv_core.bitwise_not(alpha2, inverse2);
        opencv_core.multiply(person, alpha2, personPart, 1 / 255.0, -1);
        opencv_core.multiply(background, inverse2, backgroundPart, 1 / 255.0, -1);
        opencv_core.add(personPart, backgroundPart, out);
    }

    @Override
    public void close() {
        alpha2.close();
        inverse2.close();
        personPart.close();
        backgroundPart.close();
        pair.close();
    }
}
