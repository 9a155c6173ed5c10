package scrim.integration.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import scrim.api.Pipeline;

/** ConfigAdmin and the engine's Pipeline for a test, each waited for (they start with the framework). */
final class EngineServices implements AutoCloseable {

    private static final long WAIT_MILLIS = 20_000;

    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdmins;
    private final ServiceTracker<Pipeline, Pipeline> pipelines;

    EngineServices(BundleContext context) {
        configAdmins = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configAdmins.open();
        pipelines = new ServiceTracker<>(context, Pipeline.class, null);
        pipelines.open();
    }

    ConfigurationAdmin cm() throws InterruptedException {
        ConfigurationAdmin c = configAdmins.waitForService(WAIT_MILLIS);
        assertNotNull(c, "ConfigAdmin");
        return c;
    }

    Pipeline pipeline() throws InterruptedException {
        Pipeline p = pipelines.waitForService(WAIT_MILLIS);
        assertNotNull(p, "the engine's Pipeline service");
        return p;
    }

    @Override
    public void close() {
        pipelines.close();
        configAdmins.close();
    }
}
