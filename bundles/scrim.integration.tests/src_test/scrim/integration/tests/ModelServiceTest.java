package scrim.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import scrim.api.ModelLoader;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.Segmenter;

/** The TFLite extender with the real model bundle, inside a framework. */
public class ModelServiceTest {

    private BundleContext context;
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmins;
    private ServiceTracker<Pipeline, Pipeline> pipelines;

    @BeforeEach
    void open() {
        context = FrameworkUtil.getBundle(ModelServiceTest.class).getBundleContext();
        configAdmins = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configAdmins.open();
        pipelines = new ServiceTracker<>(context, Pipeline.class, null);
        pipelines.open();
    }

    @AfterEach
    void close() throws Exception {
        configAdmins.waitForService(10_000).getConfiguration(Pipeline.PID, "?").delete();
        configAdmins.close();
        pipelines.close();
    }

    private Segmenter segmenter(String name, long millis) throws Exception {
        ServiceTracker<Segmenter, Segmenter> t = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Segmenter.class.getName() + ")(segmenter.name=" + name + "))"), null);
        t.open();
        try {
            return t.waitForService(millis);
        } finally {
            t.close();
        }
    }

    private Bundle modelBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> "scrim.model.selfie".equals(b.getSymbolicName())).findFirst().orElseThrow();
    }

    private PipelineStatus await(Predicate<PipelineStatus> condition, String what) throws Exception {
        Pipeline p = pipelines.waitForService(20_000);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            PipelineStatus s = p.status();
            if (condition.test(s)) {
                return s;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; last " + s);
            }
            Thread.sleep(10);
        }
    }

    @Test
    public void eachModelInTheBundleBecomesASegmenterAndLeavesWithIt() throws Exception {
        assertNotNull(segmenter("landscape", 20_000), "landscape model");
        assertNotNull(segmenter("general", 20_000), "general model");
        ServiceTracker<Segmenter, Segmenter> all = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Segmenter.class.getName() + ")(segmenter.name=landscape))"), null);
        all.open();
        assertEquals(144, all.getServiceReference().getProperty(Segmenter.INPUT_HEIGHT));
        assertEquals(256, all.getServiceReference().getProperty(Segmenter.INPUT_WIDTH));
        all.close();

        Bundle models = modelBundle();
        models.stop();
        assertNull(segmenter("landscape", 200), "gone with its bundle");
        models.start();
        assertNotNull(segmenter("landscape", 20_000), "back when the bundle is back");
    }

    @Test
    public void theLandscapeModelIsTheDefaultAndModelsSwitchBetweenFrames() throws Exception {
        segmenter("landscape", 20_000);
        Hashtable<String, Object> c = new Hashtable<>();
        c.put(Pipeline.CONFIG_SOURCE, "pattern");
        c.put(Pipeline.CONFIG_WIDTH, 320);
        c.put(Pipeline.CONFIG_HEIGHT, 180);
        c.put(Pipeline.CONFIG_RUNNING, true);
        c.put(Pipeline.CONFIG_ONDEMAND, false); // no output reads it: on demand would idle, and this measures the models
        Configuration engine = configAdmins.waitForService(10_000).getConfiguration(Pipeline.PID, "?");
        engine.update(c);
        PipelineStatus s = await(st -> st.segment().count() > 3, "the default model runs");
        assertEquals("landscape", s.segmenter());

        c.put(Pipeline.CONFIG_SEGMENTER, "general");
        engine.update(c);
        long before = await(st -> "general".equals(st.segmenter()), "switched").written();
        s = await(st -> st.written() > before + 10, "frames keep flowing");
        assertEquals(PipelineState.RUNNING, s.state());
    }

    @Test
    public void aBadModelFileIsRefusedWithItsReason() throws Exception {
        ServiceTracker<ModelLoader, ModelLoader> loaders = new ServiceTracker<>(context, ModelLoader.class, null);
        loaders.open();
        ModelLoader loader = loaders.waitForService(20_000);
        assertNotNull(loader);
        Path bad = Files.createTempFile("broken", ".tflite");
        Files.writeString(bad, "not a model");
        IOException e = assertThrows(IOException.class, () -> loader.load(bad.toString(), Map.of()));
        assertTrue(e.getMessage().contains("is not a TensorFlow Lite model, or it is damaged"), e.getMessage());
        assertTrue(assertThrows(IOException.class, () -> loader.load("/no/such/model.tflite", Map.of())).getMessage().contains("does not exist"));
        loaders.close();
    }
}
