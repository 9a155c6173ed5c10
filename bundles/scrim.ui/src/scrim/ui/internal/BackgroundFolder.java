package scrim.ui.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The user's own backgrounds: the pictures and videos in one folder
 * ({@code $XDG_DATA_HOME/scrim/backgrounds}), watched by inotify through a {@link WatchService},
 * so files copied in or deleted by any program show up in the gallery without polling.
 * Adding copies the file in (the original stays where it was); a name already taken gets a
 * number, so adding never overwrites a picture.
 */
final class BackgroundFolder implements AutoCloseable {

    private final Path folder;
    private final Runnable changed;
    private final WatchService watcher;
    private final Thread thread;

    /** @param changed runs on the watching thread after files came or went */
    BackgroundFolder(Path folder, Runnable changed) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.changed = changed;
        watcher = folder.getFileSystem().newWatchService();
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        thread = new Thread(this::watch, "scrim-backgrounds");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code $XDG_DATA_HOME/scrim/backgrounds}, by default {@code ~/.local/share/scrim/backgrounds}. */
    static Path standard() {
        String data = System.getenv("XDG_DATA_HOME");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "share") : Path.of(data);
        return base.resolve("scrim").resolve("backgrounds");
    }

    Path folder() {
        return folder;
    }

    /** The pictures and videos now in the folder, by name. */
    List<Background> list() {
        List<Background> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> Background.isMedia(f) && Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(f -> all.add(new Background("own:" + f.getFileName(), Background.labelOf(f), f, Background.isVideo(f), true)));
        } catch (IOException e) {
            System.err.println("scrim: the backgrounds folder " + folder + " cannot be read: " + e.getMessage());
        }
        return all;
    }

    /**
     * Copies a picture or video into the folder, under a name not yet taken.
     *
     * @return the copy
     * @throws IOException naming the file and why, when it is not a picture or video the effects read, or cannot be copied
     */
    Path add(Path source) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + " is not a file");
        }
        if (!Background.isMedia(source)) {
            throw new IOException(source.getFileName() + " is not a background Scrim can show: use a PNG or JPEG picture, or a"
                    + " Motion-JPEG AVI video (ffmpeg -i IN -c:v mjpeg -q:v 3 -an OUT.avi)");
        }
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = name.substring(0, dot);
        String ext = name.substring(dot);
        for (int n = 1;; n++) {
            Path target = folder.resolve(n == 1 ? name : stem + "-" + n + ext);
            if (target.equals(source.toAbsolutePath().normalize())) {
                return target; // already there
            }
            if (Files.exists(target)) {
                continue;
            }
            // copied under a hidden name first, so the watcher never lists a half-written picture
            Path partial = folder.resolve("." + target.getFileName() + ".part");
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(partial, target);
                return target;
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(partial); // taken meanwhile: try the next number
            }
        }
    }

    /** Deletes one of the user's own backgrounds (never a bundle's). */
    void remove(Background b) throws IOException {
        if (!b.own() || !folder.equals(b.file().getParent())) {
            throw new IOException("'" + b.label() + "' is not one of your own backgrounds, so it cannot be removed here");
        }
        Files.deleteIfExists(b.file());
    }

    private void watch() {
        while (true) {
            try {
                var key = watcher.take();
                key.pollEvents();
                key.reset();
                changed.run();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                System.err.println("scrim: the backgrounds folder's watcher: " + e);
            }
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
        thread.interrupt();
    }
}
