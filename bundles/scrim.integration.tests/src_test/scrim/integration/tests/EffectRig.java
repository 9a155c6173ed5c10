package scrim.integration.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import scrim.api.BackgroundEffect;
import scrim.api.Frame;
import scrim.api.VideoFormat;
import scrim.pixels.FramePool;
import scrim.pixels.Yuyv;

/**
 * Drives the installed effect components the way the engine does: each effect is the DS service
 * registered under {@code effect.name}, configured only through ConfigAdmin, and applied to
 * pooled YUYV frames (camera in, canvas starting as a copy of the camera). Results come back
 * as {@link Picture}s, plain byte copies that tests can read pixel by pixel.
 */
final class EffectRig implements AutoCloseable {

    /** A configuration property only the rig sets: when the service shows it, the component has the change. */
    private static final String SERIAL = "scrim.test.serial";
    private static final long WAIT_MILLIS = 20_000;

    private final BundleContext context;
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmins;
    private final Map<String, ServiceTracker<BackgroundEffect, BackgroundEffect>> effects = new HashMap<>();
    private final Map<String, FramePool> pools = new HashMap<>();
    private final Yuyv yuyv = new Yuyv();
    private long serial = System.nanoTime();

    EffectRig() {
        context = FrameworkUtil.getBundle(EffectRig.class).getBundleContext();
        configAdmins = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configAdmins.open();
    }

    BundleContext context() {
        return context;
    }

    // ------------------------------------------------------------------ services and configuration

    private ServiceTracker<BackgroundEffect, BackgroundEffect> tracker(String name) {
        return effects.computeIfAbsent(name, n -> {
            try {
                ServiceTracker<BackgroundEffect, BackgroundEffect> t = new ServiceTracker<>(context, context.createFilter(
                        "(&(objectClass=" + BackgroundEffect.class.getName() + ")(" + BackgroundEffect.NAME + "=" + n + "))"), null);
                t.open();
                return t;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The effect's DS service; kept in use by the rig so the component stays active between calls. */
    BackgroundEffect effect(String name) throws InterruptedException {
        BackgroundEffect e = tracker(name).waitForService(WAIT_MILLIS);
        assertNotNull(e, "effect service (effect.name=" + name + ")");
        return e;
    }

    ConfigurationAdmin configAdmin() throws InterruptedException {
        ConfigurationAdmin c = configAdmins.waitForService(WAIT_MILLIS);
        assertNotNull(c, "ConfigAdmin");
        return c;
    }

    /** The effect's configuration object in ConfigAdmin ({@code scrim.effect.<name>}). */
    Configuration configuration(String name) throws Exception {
        return configAdmin().getConfiguration("scrim.effect." + name, "?");
    }

    /**
     * Replaces the effect's configuration with these keys and values, straight through ConfigAdmin
     * (no checking), and waits until the running component has it.
     */
    void configure(String name, Object... keyValues) throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        long mark = ++serial;
        p.put(SERIAL, mark);
        configuration(name).update(p);
        awaitProperty(name, SERIAL, mark);
    }

    /** Deletes the effect's configuration, so it runs on its defaults, and waits until it does. */
    void reset(String name) throws Exception {
        Configuration c = configuration(name);
        if (c.getProperties() != null) {
            c.delete();
        }
        awaitProperty(name, SERIAL, null);
    }

    /** The effect's service registration, with its properties. */
    ServiceReference<BackgroundEffect> reference(String name) throws InterruptedException {
        effect(name);
        return tracker(name).getServiceReference();
    }

    /** Waits until the effect's service shows {@code key=value} (null: no such property). */
    void awaitProperty(String name, String key, Object value) throws Exception {
        ServiceTracker<BackgroundEffect, BackgroundEffect> t = tracker(name);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        Object seen = null;
        while (System.currentTimeMillis() < deadline) {
            effect(name);
            ServiceReference<BackgroundEffect> ref = t.getServiceReference();
            seen = ref == null ? null : ref.getProperty(key);
            if (ref != null && Objects.equals(seen, value)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("effect " + name + " never showed " + key + "=" + value + " (last " + seen + ")");
    }

    /** Deletes every effect configuration the rig touched. */
    void resetAll() throws Exception {
        for (String name : effects.keySet()) {
            reset(name);
        }
    }

    // ------------------------------------------------------------------ frames

    /** A pooled YUYV frame of this size (30 fps), blank. */
    Frame frame(int width, int height) throws InterruptedException {
        FramePool pool = pools.computeIfAbsent(width + "x" + height, k -> new FramePool(VideoFormat.yuyv(width, height, 30), 4));
        Frame f = pool.acquire(1, TimeUnit.SECONDS);
        assertNotNull(f, "a free frame (frames leaked?)");
        return f;
    }

    /** A frame holding a BGR picture (even width). */
    Frame frame(Mat bgr) throws InterruptedException {
        Frame f = frame(bgr.cols(), bgr.rows());
        yuyv.fromBgr(bgr, f);
        return f;
    }

    /** A frame holding a picture. */
    Frame frame(Picture picture) throws InterruptedException {
        Frame f = frame(picture.width(), picture.height());
        f.buffer().put(picture.bytes());
        return f;
    }

    /** The camera frame's pixels, as the canvas starts them. */
    Picture camera(Mat bgr) throws InterruptedException {
        try (Frame f = frame(bgr)) {
            return Picture.of(f);
        }
    }

    /**
     * Applies the effects in order, as the engine's chain does: the canvas starts as a copy of
     * the camera, each effect sees the canvas the one before left.
     */
    Picture run(Mat bgr, Mat mask, String... chain) throws Exception {
        try (Frame camera = frame(bgr)) {
            return run(camera, mask, chain);
        }
    }

    /** {@link #run(Mat, Mat, String...)} on a camera frame the caller owns. */
    Picture run(Frame camera, Mat mask, String... chain) throws Exception {
        try (Frame canvas = frame(camera.format().width(), camera.format().height())) {
            camera.mat().copyTo(canvas.mat());
            for (String name : chain) {
                effect(name).apply(camera, mask, canvas);
            }
            return Picture.of(canvas);
        }
    }

    /** Writes a picture as a PNG (BGR through {@link Yuyv#toBgr}), making its folder. */
    void save(Picture picture, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        try (Frame f = frame(picture); Mat bgr = new Mat()) {
            Yuyv.toBgr(f, bgr);
            assertTrue(opencv_imgcodecs.imwrite(png.toString(), bgr), "wrote " + png);
        }
    }

    @Override
    public void close() {
        effects.values().forEach(ServiceTracker::close);
        configAdmins.close();
        pools.values().forEach(FramePool::close);
        yuyv.close();
    }

    // ------------------------------------------------------------------ pixels

    /** The bytes of a continuous 8-bit matrix. */
    static byte[] bytes(Mat m) {
        assertTrue(m.isContinuous(), "continuous matrix");
        byte[] b = new byte[(int) (m.total() * m.elemSize())];
        m.data().get(b);
        return b;
    }

    /**
     * Distance in pixels from each pixel of the person (mask 255) to the nearest pixel that is
     * not fully person, or with {@code person} false from each background pixel (mask 0) to the
     * nearest pixel that is not pure background; 0 elsewhere.
     */
    static float[] distance(Mat mask, boolean person) {
        try (Mat region = new Mat(); Mat dist = new Mat()) {
            if (person) {
                opencv_imgproc.threshold(mask, region, 254, 255, opencv_imgproc.THRESH_BINARY);
            } else {
                opencv_imgproc.threshold(mask, region, 0, 255, opencv_imgproc.THRESH_BINARY_INV);
            }
            opencv_imgproc.distanceTransform(region, dist, opencv_imgproc.DIST_L2, opencv_imgproc.DIST_MASK_PRECISE);
            float[] d = new float[(int) dist.total()];
            new FloatPointer(dist.data()).get(d);
            return d;
        }
    }

    /** The YUYV value of a BGR colour, as Y, U, V. */
    static int[] yuv(int blue, int green, int red) {
        try (Scalar s = Yuyv.pairOf(blue, green, red)) {
            return new int[] {(int) s.get(0), (int) s.get(1), (int) s.get(3)};
        }
    }

    /** A filled 8-bit matrix. */
    static Mat filled(int width, int height, int type, double... value) {
        try (Scalar s = new Scalar(value.length > 0 ? value[0] : 0, value.length > 1 ? value[1] : 0, value.length > 2 ? value[2] : 0, 0)) {
            return new Mat(height, width, type, s);
        }
    }

    static Mat bgr(int width, int height, int blue, int green, int red) {
        return filled(width, height, opencv_core.CV_8UC3, blue, green, red);
    }

    /**
     * A YUYV picture copied out of a frame. Pixel x of a row holds its own luma and one chroma
     * byte: U for even x, V for odd x (the pair's U and V are also readable from either pixel).
     */
    record Picture(int width, int height, byte[] bytes) {

        static Picture of(Frame f) {
            byte[] b = new byte[(int) f.format().frameBytes()];
            f.buffer().get(b);
            return new Picture(f.format().width(), f.format().height(), b);
        }

        private int at(int x, int y) {
            return (y * width + x) * 2;
        }

        int y(int x, int row) {
            return bytes[at(x, row)] & 0xff;
        }

        /** The chroma byte stored with this pixel (U for even x, V for odd). */
        int c(int x, int row) {
            return bytes[at(x, row) + 1] & 0xff;
        }

        int u(int x, int row) {
            return bytes[at(x & ~1, row) + 1] & 0xff;
        }

        int v(int x, int row) {
            return bytes[at(x | 1, row) + 1] & 0xff;
        }

        /** The chroma a pixel of colour {@code yuv} stores at x. */
        static int chromaOf(int[] yuv, int x) {
            return (x & 1) == 0 ? yuv[1] : yuv[2];
        }

        /** Largest difference (luma or stored chroma) from a flat colour over the pixels selected by index. */
        int maxDifference(int[] yuv, IntPredicate selected) {
            int worst = 0;
            for (int i = 0; i < width * height; i++) {
                if (selected.test(i)) {
                    int x = i % width;
                    int row = i / width;
                    worst = Math.max(worst, Math.abs(y(x, row) - yuv[0]));
                    worst = Math.max(worst, Math.abs(c(x, row) - chromaOf(yuv, x)));
                }
            }
            return worst;
        }

        /** Number of selected pixels whose luma or chroma byte differs from the other picture's. */
        int differing(Picture other, IntPredicate selected) {
            int n = 0;
            for (int i = 0; i < width * height; i++) {
                if (selected.test(i) && (bytes[2 * i] != other.bytes[2 * i] || bytes[2 * i + 1] != other.bytes[2 * i + 1])) {
                    n++;
                }
            }
            return n;
        }

        /** Largest difference (luma or stored chroma) from another picture over the selected pixels. */
        int maxDifference(Picture other, IntPredicate selected) {
            int worst = 0;
            for (int i = 0; i < width * height; i++) {
                if (selected.test(i)) {
                    worst = Math.max(worst, Math.abs((bytes[2 * i] & 0xff) - (other.bytes[2 * i] & 0xff)));
                    worst = Math.max(worst, Math.abs((bytes[2 * i + 1] & 0xff) - (other.bytes[2 * i + 1] & 0xff)));
                }
            }
            return worst;
        }

        /** Mean absolute luma difference from another picture over the selected pixels. */
        double meanLumaDifference(Picture other, IntPredicate selected) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < width * height; i++) {
                if (selected.test(i)) {
                    sum += Math.abs((bytes[2 * i] & 0xff) - (other.bytes[2 * i] & 0xff));
                    n++;
                }
            }
            assertTrue(n > 0, "some pixels selected");
            return sum / n;
        }

        /** Fine detail: the mean absolute luma step to the right-hand neighbour, over selected pixels whose neighbour is selected too. */
        double detail(IntPredicate selected) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < width * height; i++) {
                if (i % width + 1 < width && selected.test(i) && selected.test(i + 1)) {
                    sum += Math.abs((bytes[2 * i] & 0xff) - (bytes[2 * i + 2] & 0xff));
                    n++;
                }
            }
            assertTrue(n > 0, "some pixels selected");
            return sum / n;
        }

        /** Mean luma of the selected pixels. */
        double meanY(IntPredicate selected) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < width * height; i++) {
                if (selected.test(i)) {
                    sum += bytes[2 * i] & 0xff;
                    n++;
                }
            }
            assertTrue(n > 0, "some pixels selected");
            return sum / n;
        }

        /** Variance of the luma of the selected pixels. */
        double varianceY(IntPredicate selected) {
            double mean = meanY(selected);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < width * height; i++) {
                if (selected.test(i)) {
                    double d = (bytes[2 * i] & 0xff) - mean;
                    sum += d * d;
                    n++;
                }
            }
            return sum / n;
        }
    }
}
