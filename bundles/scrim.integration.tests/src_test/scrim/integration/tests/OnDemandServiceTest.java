package scrim.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Predicate;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import scrim.api.Frame;
import scrim.api.FrameSink;
import scrim.api.FrameTap;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.VideoFormat;

/**
 * On demand in a real framework: the real engine, pattern source and scene model, wired by DS
 * and configured through ConfigAdmin. The output is a test double for a virtual camera whose
 * number of reading apps the test sets (what the v4l2loopback sink counts on a real device).
 */
public class OnDemandServiceTest {

    private static final double GRACE_SECONDS = 1;

    /** A virtual camera as the engine sees it: counts opens and writes; as many apps read it as the test says. */
    static final class Device implements FrameSink {
        volatile int readers;
        volatile Runnable listener;
        volatile int opened;
        volatile int closed;
        volatile long writes;

        @Override
        public void open(VideoFormat format) {
            opened++;
        }

        @Override
        public void write(Frame frame) {
            writes++;
        }

        @Override
        public void close() {
            closed++;
        }

        @Override
        public int consumers() {
            return readers;
        }

        @Override
        public void watchConsumers(Runnable changed) {
            listener = changed;
        }

        void readers(int n) {
            readers = n;
            Runnable l = listener;
            assertNotNull(l, "the engine watches the output's consumers");
            l.run();
        }
    }

    /** A preview: offered every frame. */
    static final class Tap implements FrameTap {
        volatile long offered;

        @Override
        public boolean wants() {
            return true;
        }

        @Override
        public void offer(Frame camera, Mat mask, Frame output) {
            offered++;
        }
    }

    private BundleContext context;
    private EngineServices services;
    private final Device device = new Device();
    private ServiceRegistration<FrameSink> deviceRegistration;

    @BeforeEach
    void open() {
        context = FrameworkUtil.getBundle(OnDemandServiceTest.class).getBundleContext();
        services = new EngineServices(context);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameSink.ID, "device");
        p.put(FrameSink.KIND, "loopback");
        deviceRegistration = context.registerService(FrameSink.class, device, p);
    }

    @AfterEach
    void close() throws Exception {
        cm().getConfiguration(Pipeline.PID, "?").delete();
        deviceRegistration.unregister();
        services.close();
    }

    private ConfigurationAdmin cm() throws InterruptedException {
        return services.cm();
    }

    private Pipeline pipeline() throws InterruptedException {
        return services.pipeline();
    }

    private PipelineStatus await(String what, long millis, Predicate<PipelineStatus> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            PipelineStatus s = pipeline().status();
            if (condition.test(s)) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + millis + " ms: " + what + "; last status " + s);
            }
            Thread.sleep(5);
        }
    }

    private void configure(boolean onDemand) throws Exception {
        Dictionary<String, Object> d = new Hashtable<>();
        d.put(Pipeline.CONFIG_SOURCE, "pattern");
        d.put(Pipeline.CONFIG_SEGMENTER, "scene");
        d.put(Pipeline.CONFIG_SINKS, new String[] {"device"});
        d.put(Pipeline.CONFIG_WIDTH, 160);
        d.put(Pipeline.CONFIG_HEIGHT, 120);
        d.put(Pipeline.CONFIG_RUNNING, true);
        d.put(Pipeline.CONFIG_ONDEMAND, onDemand);
        d.put(Pipeline.CONFIG_ONDEMAND_GRACE, GRACE_SECONDS);
        cm().getConfiguration(Pipeline.PID, "?").update(d);
    }

    /** Idle: no run (the capture count stands still), the output stays open and gets the ready card about once a second. */
    private PipelineStatus assertIdleWithCard(String when) throws InterruptedException {
        PipelineStatus idle = await("idle " + when, 20_000, PipelineStatus::idle);
        assertEquals(PipelineState.RUNNING, idle.state(), "on, and ready");
        assertEquals("pattern", idle.source());
        assertEquals(0, idle.consumers());
        Thread.sleep(300); // the last frames of the stopped run are out
        long captured = pipeline().status().captured();
        long writes = device.writes;
        Thread.sleep(3100);
        PipelineStatus later = pipeline().status();
        assertTrue(later.idle(), when + ": still idle");
        assertEquals(captured, later.captured(), when + ": the camera is closed, nothing is captured");
        long cards = device.writes - writes;
        assertTrue(cards >= 2 && cards <= 5, when + ": " + cards + " card frames in 3.1 s (1 per second expected)");
        assertEquals(0, device.closed, when + ": the output stays open");
        return later;
    }

    @Test
    public void nobodyWatchingGoesIdleAConsumerWakesItWithinASecondAndLeavingIdlesItAgain() throws Exception {
        configure(true);
        long started = System.currentTimeMillis();
        await("frames flow at first", 20_000, s -> s.state() == PipelineState.RUNNING && s.written() > 3 && !s.idle());
        assertIdleWithCard("after the grace with no consumer");
        assertTrue(pipeline().status().since() >= started, "since says when idle began");

        for (int round = 1; round <= 2; round++) {
            long before = device.writes;
            long t0 = System.nanoTime();
            device.readers(1);
            PipelineStatus live = await("live within 1 s of a consumer (round " + round + ")", 5_000,
                    s -> !s.idle() && s.state() == PipelineState.RUNNING && s.written() > 0 && s.segment().count() > 0);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("on demand: round %d, first processed frame %d ms after the consumer (engine says %d ms)%n", round, millis,
                    live.wakeMillis());
            assertTrue(millis < 1000, "the first processed frame came " + millis + " ms after the consumer");
            assertEquals(1, live.consumers());
            assertEquals(PipelineState.RUNNING, live.state());
            await("processed frames reach the output", 5_000, s -> device.writes > before + 10);
            assertEquals(1, device.opened, "the output was not reopened: the consumer keeps reading");

            device.readers(0);
            Thread.sleep((long) (GRACE_SECONDS * 500));
            assertFalse(pipeline().status().idle(), "still live within the grace");
            assertIdleWithCard("after the consumer left (round " + round + ")");
        }
    }

    @Test
    public void aRegisteredTapCountsAsAViewer() throws Exception {
        configure(true);
        assertIdleWithCard("with nobody");
        Tap tap = new Tap();
        ServiceRegistration<FrameTap> r = context.registerService(FrameTap.class, tap, null);
        try {
            PipelineStatus live = await("a visible preview wakes it", 5_000, s -> !s.idle() && s.written() > 0);
            assertEquals(1, live.consumers());
            await("the preview gets processed frames", 5_000, s -> tap.offered > 5);
        } finally {
            r.unregister();
        }
        assertIdleWithCard("after the preview was hidden");
    }

    @Test
    public void onDemandOffStaysLive() throws Exception {
        configure(false);
        PipelineStatus first = await("frames flow", 20_000, s -> s.state() == PipelineState.RUNNING && s.written() > 3);
        Thread.sleep((long) (GRACE_SECONDS * 1000) + 1500);
        PipelineStatus later = pipeline().status();
        assertFalse(later.idle());
        assertTrue(later.captured() > first.captured() + 20, "still capturing: " + later);
    }
}
