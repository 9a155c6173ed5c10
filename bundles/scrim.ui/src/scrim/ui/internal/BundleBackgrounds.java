package scrim.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;

/**
 * The backgrounds that bundles carry, the way model bundles carry models: every active bundle
 * with descriptors in {@value #DESCRIPTORS} ({@code label}, {@code file} inside the bundle,
 * {@code licence}) adds their pictures or videos; a bundle that stops or is uninstalled (taken out
 * of the load folder) takes them away. The effects read files, so each one is copied once out of
 * the bundle into this bundle's storage area.
 */
final class BundleBackgrounds implements AutoCloseable {

    static final String DESCRIPTORS = "OSGI-INF/scrim/backgrounds";

    private final BundleContext context;
    private final BundleTracker<List<Background>> tracker;
    /** Filled before {@code changed} runs: the tracker's own map gets a bundle only after addingBundle returned. */
    private final Map<Bundle, List<Background>> carried = new ConcurrentHashMap<>();

    /** @param changed runs on the framework's thread after a bundle's backgrounds came or went */
    BundleBackgrounds(BundleContext context, Runnable changed) {
        this.context = context;
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public List<Background> addingBundle(Bundle bundle, BundleEvent event) {
                Enumeration<URL> entries = bundle.findEntries(DESCRIPTORS, "*.properties", false);
                if (entries == null) {
                    return null;
                }
                List<Background> found = new ArrayList<>();
                for (URL entry : Collections.list(entries)) {
                    try {
                        found.add(read(bundle, entry));
                    } catch (IOException | RuntimeException e) {
                        System.err.println("scrim: background " + entry.getPath() + " in bundle " + bundle.getSymbolicName()
                                + " cannot be used: " + e.getMessage());
                    }
                }
                found.sort(Comparator.comparing(Background::label));
                carried.put(bundle, found);
                changed.run();
                return found;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<Background> backgrounds) {
                carried.remove(bundle);
                changed.run();
            }
        };
        tracker.open();
    }

    /** The backgrounds of the active bundles, bundle by bundle in install order. */
    List<Background> list() {
        List<Background> all = new ArrayList<>();
        carried.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getKey().getBundleId()))
                .forEach(e -> all.addAll(e.getValue()));
        return all;
    }

    private Background read(Bundle bundle, URL entry) throws IOException {
        Properties p = new Properties();
        try (InputStream in = entry.openStream()) {
            p.load(in);
        }
        String file = p.getProperty("file", "").strip();
        URL media = file.isEmpty() ? null : bundle.getEntry(file);
        if (media == null) {
            throw new IOException(file.isEmpty() ? "it names no file (file=...)" : "its file " + file + " is not in the bundle");
        }
        Path name = Path.of(file).getFileName();
        if (!Background.isMedia(name)) {
            throw new IOException("its file " + file + " is neither a PNG or JPEG picture nor a Motion-JPEG AVI video");
        }
        String stem = Path.of(entry.getPath()).getFileName().toString().replaceFirst("\\.properties$", "");
        String label = p.getProperty("label", Background.labelOf(name)).strip();
        Path copy = context.getDataFile("backgrounds/" + bundle.getBundleId() + "-" + bundle.getLastModified() + "/" + file).toPath();
        if (!Files.isRegularFile(copy)) {
            Files.createDirectories(copy.getParent());
            Path partial = copy.resolveSibling(copy.getFileName() + ".part");
            try (InputStream in = media.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Background(bundle.getSymbolicName() + ":" + stem, label, copy, Background.isVideo(name), false);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
