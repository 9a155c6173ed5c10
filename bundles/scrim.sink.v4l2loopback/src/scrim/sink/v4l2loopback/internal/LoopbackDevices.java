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
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import scrim.api.FrameSink;
import scrim.v4l2.DeviceInfo;
import scrim.v4l2.DeviceWatcher;

/** Registers one {@link FrameSink} per v4l2loopback device, for as long as the device exists. */
@Component(immediate = true, configurationPid = "scrim.sink.v4l2loopback")
@Designate(ocd = LoopbackDevices.Config.class)
public final class LoopbackDevices {

    @ObjectClassDefinition(name = "Scrim virtual camera", description = "How frames are written to v4l2loopback devices")
    @interface Config {
        @AttributeDefinition(name = "Pixel format", description = "YUYV (4:2:2, what most apps expect) or I420 (4:2:0, needs an even size)",
                options = {@Option(label = "YUYV", value = "YUYV"), @Option(label = "I420", value = "I420")})
        String pixelformat() default "YUYV";
    }

    private boolean i420;

    private final Map<String, ServiceRegistration<FrameSink>> registered = new ConcurrentHashMap<>();
    private final Map<String, LoopbackSink> sinks = new ConcurrentHashMap<>();
    private BundleContext context;
    private DeviceWatcher watcher;

    @Activate
    void activate(BundleContext ctx, Config config) {
        context = ctx;
        i420 = "I420".equalsIgnoreCase(config.pixelformat());
        watcher = new DeviceWatcher("scrim-loopback-watcher", DeviceInfo::isLoopback, this::appeared, this::disappeared);
    }

    @Deactivate
    void deactivate() {
        watcher.close();
    }

    private void appeared(DeviceInfo info) {
        LoopbackSink sink = new LoopbackSink(Path.of(info.path()), i420);
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
            sink.dispose();
        }
    }
}
