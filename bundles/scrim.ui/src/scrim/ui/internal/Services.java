package scrim.ui.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import scrim.api.Pipeline;
import scrim.api.Settings;

/** What the views work with: the pipeline, settings, saved setups and the framework. */
record Services(Pipeline pipeline, Settings settings, ConfigurationAdmin configAdmin, BundleContext context) {

    /** The pipeline's saved setup. */
    SavedSetup engine() {
        return setup(Pipeline.PID);
    }

    /** The window's own choices. */
    SavedSetup window() {
        return setup(SavedSetup.WINDOW_PID);
    }

    SavedSetup setup(String pid) {
        return new SavedSetup(configAdmin, pid);
    }

    /** An optional service now, or null. */
    <T> T optional(Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }
}
