package scrim.segment.tflite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.BundleTracker;

import scrim.api.ModelLoader;
import scrim.api.Segmenter;

/**
 * The model extender: every active bundle with descriptors in {@value #DESCRIPTORS} gets one
 * {@link Segmenter} service per model, which goes away with the bundle. Model files given by
 * path are loaded through {@link ModelLoader}. Settings (PID scrim.segment.tflite) apply to
 * every model and are swapped in between two frames. A model is registered from its
 * descriptor and its file's header (name, label, input size), and checked there; its
 * interpreter is built by its first frame (see {@link TfliteSegmenter}).
 */
@Component(service = ModelLoader.class, immediate = true, configurationPid = "scrim.segment.tflite")
@Designate(ocd = TfliteSettings.class)
public final class ModelExtender implements ModelLoader {

    static final String DESCRIPTORS = "OSGI-INF/scrim/models";

    private BundleContext context;
    private volatile TfliteSettings settings;
    private BundleTracker<List<Registered>> tracker;
    private final Map<String, Registered> files = new ConcurrentHashMap<>();

    /** A segmenter and its service registration. */
    private record Registered(TfliteSegmenter segmenter, ServiceRegistration<Segmenter> registration) {
        void unregister() {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with its bundle
            }
            segmenter.close();
        }
    }

    @Activate
    void activate(BundleContext ctx, TfliteSettings s) {
        context = ctx;
        settings = s;
        tracker = new BundleTracker<>(ctx, Bundle.ACTIVE, null) {
            @Override
            public List<Registered> addingBundle(Bundle bundle, BundleEvent event) {
                Enumeration<URL> entries = bundle.findEntries(DESCRIPTORS, "*.properties", false);
                if (entries == null) {
                    return null;
                }
                List<Registered> models = new ArrayList<>();
                for (URL entry : Collections.list(entries)) {
                    try {
                        models.add(register(bundle, entry));
                    } catch (IOException | RuntimeException e) {
                        System.err.println("scrim: model " + entry.getPath() + " in bundle " + bundle.getSymbolicName()
                                + " cannot be used: " + e.getMessage());
                    }
                }
                return models;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<Registered> models) {
                models.forEach(Registered::unregister);
            }
        };
        tracker.open();
    }

    @Modified
    void modified(TfliteSettings s) {
        settings = s;
        List<Registered> all = new ArrayList<>(files.values());
        tracker.getTracked().values().forEach(all::addAll);
        for (Registered r : all) {
            try {
                r.segmenter().apply(s);
            } catch (IOException e) {
                System.err.println("scrim: model " + r.segmenter().descriptor().name() + " keeps its previous settings: " + e.getMessage());
            }
        }
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        files.values().forEach(Registered::unregister);
        files.clear();
    }

    private Registered register(Bundle bundle, URL entry) throws IOException {
        Properties p = new Properties();
        try (InputStream in = entry.openStream()) {
            p.load(in);
        }
        ModelDescriptor d = ModelDescriptor.parse(p, bundle.getSymbolicName() + ":" + entry.getPath());
        URL model = bundle.getEntry(d.file());
        if (model == null) {
            throw new IOException("its file " + d.file() + " is not in the bundle");
        }
        // TFLite reads models from files: copy once into this bundle's storage area
        Path file = context.getDataFile(bundle.getBundleId() + "-" + bundle.getLastModified() + "/" + d.file()).toPath();
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            try (InputStream in = model.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return publish(new TfliteSegmenter(file, d, settings));
    }

    @Override
    public String load(String path, Map<String, String> options) throws IOException {
        Path file = Path.of(path).toAbsolutePath().normalize();
        String name = file.toString();
        if (files.containsKey(name)) {
            return name;
        }
        ModelDescriptor d;
        try {
            d = ModelDescriptor.forFile(name, options);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        files.put(name, publish(new TfliteSegmenter(file, d, settings)));
        return name;
    }

    private Registered publish(TfliteSegmenter s) {
        ModelDescriptor d = s.descriptor();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Segmenter.NAME, d.name());
        props.put(Segmenter.LABEL, d.label());
        props.put(Segmenter.INPUT_WIDTH, s.inputWidth());
        props.put(Segmenter.INPUT_HEIGHT, s.inputHeight());
        props.put(Constants.SERVICE_RANKING, d.ranking());
        return new Registered(s, context.registerService(Segmenter.class, s, props));
    }
}
