package scrim.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import scrim.api.BackgroundEffect;
import scrim.api.FrameSink;
import scrim.api.FrameSource;
import scrim.api.Part;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Segmenter;

/**
 * The real bundles in a real framework, wired by DS and configured through ConfigAdmin only,
 * as the command line and the control application do.
 */
public class PipelineServiceTest {

    private BundleContext context;
    private EngineServices services;
    private Path dir;

    @BeforeEach
    void open() throws IOException {
        Bundle self = FrameworkUtil.getBundle(PipelineServiceTest.class);
        assertNotNull(self, "runs inside OSGi");
        context = self.getBundleContext();
        services = new EngineServices(context);
        dir = Files.createTempDirectory("scrim-it");
    }

    @AfterEach
    void close() throws Exception {
        Configuration engine = cm().getConfiguration(Pipeline.PID, "?");
        engine.delete();
        for (Configuration c : cm().listConfigurations("(service.factoryPid=scrim.*)") == null ? new Configuration[0]
                : cm().listConfigurations("(service.factoryPid=scrim.*)")) {
            c.delete();
        }
        services.close();
    }

    private ConfigurationAdmin cm() throws InterruptedException {
        return services.cm();
    }

    private Pipeline pipeline() throws InterruptedException {
        return services.pipeline();
    }

    private PipelineStatus await(String what, Predicate<PipelineStatus> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            PipelineStatus s = pipeline().status();
            if (condition.test(s)) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; last status " + s);
            }
            Thread.sleep(10);
        }
    }

    private <T> T awaitService(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        t.open();
        try {
            T s = t.waitForService(20_000);
            assertNotNull(s, type.getSimpleName() + " " + filter);
            return s;
        } finally {
            t.close();
        }
    }

    private String fileOutput(Path file) throws Exception {
        Configuration c = cm().createFactoryConfiguration("scrim.sink.file", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameSink.ID, "out");
        p.put("file", file.toString());
        c.update(p);
        awaitService(FrameSink.class, "(sink.id=out)");
        return "out";
    }

    private void configure(Object... keyValues) throws Exception {
        Dictionary<String, Object> d = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            d.put((String) keyValues[i], keyValues[i + 1]);
        }
        cm().getConfiguration(Pipeline.PID, "?").update(d);
    }

    @Test
    public void theSuiteRegistersItsServices() throws Exception {
        assertNotNull(pipeline());
        assertNotNull(awaitService(FrameSource.class, "(&(source.id=pattern)(source.live=false))"));
        assertNotNull(awaitService(Segmenter.class, "(&(segmenter.name=scene)(segmenter.auto=false))"));
        assertEquals(PipelineState.STOPPED, pipeline().status().state());
    }

    /** The PipeWire camera publishes its daemon's version when the daemon appears: the catalogue must show the new properties. */
    @Test
    public void anOutputWhosePropertiesChangeIsShownWithTheNewOnes() throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameSink.ID, "changing");
        p.put(FrameSink.KIND, "pipewire");
        ServiceRegistration<FrameSink> r = context.registerService(FrameSink.class, new OnDemandServiceTest.Device(), p);
        try {
            awaitPart("the output listed", part -> part.properties().get("pipewire.daemon.version") == null);
            p.put("pipewire.daemon.version", "1.0.5");
            r.setProperties(p);
            awaitPart("the output listed with its new property", part -> "1.0.5".equals(part.properties().get("pipewire.daemon.version")));
            p.remove("pipewire.daemon.version");
            r.setProperties(p);
            awaitPart("the output listed without it again", part -> part.properties().get("pipewire.daemon.version") == null);
        } finally {
            r.unregister();
        }
    }

    private void awaitPart(String what, Predicate<Part> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (pipeline().sinks().stream().noneMatch(part -> part.id().equals("changing") && condition.test(part))) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what + "; outputs " + pipeline().sinks());
            Thread.sleep(10);
        }
    }

    @Test
    public void aConfiguredRunWritesAWholeFile() throws Exception {
        Path file = dir.resolve("run.y4m");
        String out = fileOutput(file);
        configure(Pipeline.CONFIG_SOURCE, "pattern", Pipeline.CONFIG_SEGMENTER, "scene", Pipeline.CONFIG_SINKS, new String[] {out},
                Pipeline.CONFIG_WIDTH, 160, Pipeline.CONFIG_HEIGHT, 120, Pipeline.CONFIG_RUNNING, true, Pipeline.CONFIG_REALTIME, false,
                Pipeline.CONFIG_FRAME_LIMIT, 25L);
        PipelineStatus s = await("finished", st -> st.state() == PipelineState.FINISHED);
        assertEquals(25, s.written());
        assertEquals("scene", s.segmenter());
        String header = "YUV4MPEG2 W160 H120 F30:1 Ip A1:1 C422 XCOLORRANGE=LIMITED\n";
        assertEquals(header.length() + 25L * ("FRAME\n".length() + 160 * 120 * 2), Files.size(file));
        assertFalse(Files.exists(dir.resolve("run.y4m.part")));
    }

    @Test
    public void anEffectBundleInstalledAtRunTimeJoinsTheRunningChain() throws Exception {
        Path file = dir.resolve("hot.y4m");
        String out = fileOutput(file);
        configure(Pipeline.CONFIG_SOURCE, "pattern", Pipeline.CONFIG_SEGMENTER, "scene", Pipeline.CONFIG_EFFECTS, new String[] {"testfill"},
                Pipeline.CONFIG_SINKS, new String[] {out}, Pipeline.CONFIG_WIDTH, 160, Pipeline.CONFIG_HEIGHT, 120,
                Pipeline.CONFIG_RUNNING, true);
        PipelineStatus before = await("running", st -> st.state() == PipelineState.RUNNING && st.written() > 3);
        assertTrue(before.effects().isEmpty());
        assertTrue(before.problems().stream().anyMatch(p -> p.message().contains("effect 'testfill' is not installed")), before.toString());

        Bundle plugin = context.installBundle(Path.of(System.getProperty("scrim.testFill")).toUri().toString());
        plugin.start();
        awaitService(BackgroundEffect.class, "(effect.name=testfill)");
        PipelineStatus with = await("the effect applies", st -> st.effects().contains("testfill"));
        long written = with.written();
        await("frames keep flowing", st -> st.written() > written + 5);

        plugin.uninstall();
        PipelineStatus after = await("back to passthrough", st -> st.effects().isEmpty());
        long writtenAfter = after.written();
        after = await("frames keep flowing", st -> st.written() > writtenAfter + 5);
        assertEquals(PipelineState.RUNNING, after.state());
        assertTrue(after.problems().stream().anyMatch(p -> p.message().contains("effect 'testfill' is not installed")), after.toString());
    }

    @Test
    public void aBrokenPictureFailsTheRunWithItsReason() throws Exception {
        Path picture = dir.resolve("broken.png");
        Files.writeString(picture, "no picture here");
        Configuration c = cm().createFactoryConfiguration("scrim.source.image", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameSource.ID, "broken");
        p.put("file", picture.toString());
        c.update(p);
        awaitService(FrameSource.class, "(source.id=broken)");
        configure(Pipeline.CONFIG_SOURCE, "broken", Pipeline.CONFIG_WIDTH, 160, Pipeline.CONFIG_HEIGHT, 120, Pipeline.CONFIG_RUNNING, true);
        PipelineStatus s = await("failed", st -> st.state() == PipelineState.FAILED);
        assertTrue(s.problems().stream().anyMatch(pr -> pr.message().contains("is not a PNG or JPEG picture")), s.toString());
    }

    @Test
    public void reconfiguringTheRunningPipelineLeavesEveryFrameInItsPool() throws Exception {
        String[] models = {"scene", "landscape", "general"};
        for (int i = 0; i < 6; i++) {
            int width = i % 2 == 0 ? 160 : 192;
            int height = i % 2 == 0 ? 120 : 144;
            configure(Pipeline.CONFIG_SOURCE, "pattern", Pipeline.CONFIG_SEGMENTER, models[i % 3], Pipeline.CONFIG_EFFECTS,
                    new String[] {"blur"}, Pipeline.CONFIG_WIDTH, width, Pipeline.CONFIG_HEIGHT, height, Pipeline.CONFIG_MIRROR, i % 4 < 2,
                    Pipeline.CONFIG_REALTIME, i != 3, Pipeline.CONFIG_RUNNING, true, Pipeline.CONFIG_ONDEMAND, false); // no output: stay live
            await("change " + i + " runs with blur", st -> st.state() == PipelineState.RUNNING && st.format() != null
                    && st.format().width() == width && st.effects().contains("blur") && st.written() > 5);
        }
        await("frames in flight are counted", st -> st.framesInUse() > 0);
        configure(Pipeline.CONFIG_SOURCE, "pattern", Pipeline.CONFIG_RUNNING, false);
        PipelineStatus stopped = await("stopped", st -> st.state() == PipelineState.STOPPED);
        assertEquals(0, stopped.framesInUse(), "every frame is back in its pool once STOPPED shows");
    }
}
