package scrim.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;

/**
 * Every background the gallery offers: the bundles' (in install order) then the user's own
 * folder's. Both are watched, so the list follows files and bundles coming and going; whoever
 * shows it is told through {@code changed}, on the watching thread.
 */
final class BackgroundCatalogue implements AutoCloseable {

    private final BackgroundFolder folder;
    private final BundleBackgrounds bundles;

    /** @param changed runs on a watching thread (not the UI thread) whenever the list may have changed */
    BackgroundCatalogue(BundleContext context, Path folder, Runnable changed) throws IOException {
        this.folder = new BackgroundFolder(folder, changed);
        bundles = new BundleBackgrounds(context, changed);
    }

    List<Background> list() {
        List<Background> all = new ArrayList<>(bundles.list());
        all.addAll(folder.list());
        return all;
    }

    /** Copies a picture or video into the user's folder; the watcher then lists it. */
    Path add(Path file) throws IOException {
        return folder.add(file);
    }

    void remove(Background b) throws IOException {
        folder.remove(b);
    }

    Path folder() {
        return folder.folder();
    }

    @Override
    public void close() {
        bundles.close();
        folder.close();
    }
}
