package scrim.source.v4l2.internal;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import scrim.api.FrameSource;
import scrim.v4l2.DeviceInfo;
import scrim.v4l2.DeviceWatcher;

/**
 * Registers one {@link FrameSource} per camera (capture nodes that are not loopback devices),
 * and unregisters it when the camera goes away.
 */
@Component(immediate = true)
public final class CameraDevices {

    private final Map<String, ServiceRegistration<FrameSource>> registered = new ConcurrentHashMap<>();
    private BundleContext context;
    private DeviceWatcher watcher;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        watcher = new DeviceWatcher("scrim-camera-watcher", DeviceInfo::isCamera, this::appeared, this::disappeared);
    }

    @Deactivate
    void deactivate() {
        watcher.close();
    }

    private void appeared(DeviceInfo info) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(FrameSource.ID, info.path());
        props.put(FrameSource.LABEL, info.card() + " (" + info.driver() + ")");
        props.put(FrameSource.KIND, "camera");
        props.put(FrameSource.LIVE, Boolean.TRUE);
        registered.put(info.path(), context.registerService(FrameSource.class, new CameraSource(Path.of(info.path())), props));
    }

    private void disappeared(DeviceInfo info) {
        ServiceRegistration<FrameSource> r = registered.remove(info.path());
        if (r != null) {
            r.unregister();
        }
    }
}
