package scrim.sink.v4l2loopback.internal;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import scrim.api.FrameSink;
import scrim.v4l2.DeviceInfo;
import scrim.v4l2.DeviceWatcher;

/** Registers one {@link FrameSink} per v4l2loopback device, for as long as the device exists. */
@Component(immediate = true)
public final class LoopbackDevices {

    private final Map<String, ServiceRegistration<FrameSink>> registered = new ConcurrentHashMap<>();
    private final Map<String, LoopbackSink> sinks = new ConcurrentHashMap<>();
    private BundleContext context;
    private DeviceWatcher watcher;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        watcher = new DeviceWatcher("scrim-loopback-watcher", DeviceInfo::isLoopback, this::appeared, this::disappeared);
    }

    @Deactivate
    void deactivate() {
        watcher.close();
    }

    private void appeared(DeviceInfo info) {
        LoopbackSink sink = new LoopbackSink(Path.of(info.path()));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(FrameSink.ID, info.path());
        props.put(FrameSink.LABEL, info.card() + " (virtual camera)");
        props.put(FrameSink.KIND, "loopback");
        sinks.put(info.path(), sink);
        registered.put(info.path(), context.registerService(FrameSink.class, sink, props));
    }

    private void disappeared(DeviceInfo info) {
        ServiceRegistration<FrameSink> r = registered.remove(info.path());
        if (r != null) {
            r.unregister();
        }
        LoopbackSink sink = sinks.remove(info.path());
        if (sink != null) {
            sink.close();
        }
    }
}
