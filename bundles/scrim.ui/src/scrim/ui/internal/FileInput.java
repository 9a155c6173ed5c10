package scrim.ui.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Locale;

import org.osgi.service.cm.Configuration;

import scrim.api.FrameSource;
import scrim.api.Part;

/**
 * A picture or video file as the input, as {@code --input FILE} makes it: a file input of the
 * media bundle (a factory configuration of scrim.source.image or scrim.source.video) named by
 * the file's absolute path, then chosen by hand. It stays in the camera list from then on.
 */
final class FileInput {

    /** The camera list's entry that opens the file dialog. */
    static final String ENTRY = "A picture or video file...";
    /** The dialog's filters: what the media bundle reads (pictures through OpenCV, videos through FFmpeg). */
    static final String[] EXTENSIONS = {"*.png;*.jpg;*.jpeg;*.mp4;*.mkv;*.webm;*.mov;*.avi;*.y4m", "*"};
    static final String[] FILTER_NAMES = {"Pictures and videos", "All files"};

    private FileInput() {
    }

    /** Makes {@code file} the input; returns its source id. */
    static String use(Services s, Path file) {
        Path path = file.toAbsolutePath().normalize();
        String id = path.toString();
        if (s.pipeline().sources().stream().map(Part::id).noneMatch(id::equals)) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean picture = name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
            try {
                Configuration c = s.configAdmin().createFactoryConfiguration(picture ? "scrim.source.image" : "scrim.source.video", "?");
                Hashtable<String, Object> p = new Hashtable<>();
                p.put(FrameSource.ID, id);
                p.put("file", id);
                p.put(FrameSource.LABEL, (picture ? "Picture " : "Video ") + path.getFileName());
                c.update(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FirstRun.chooseInput(s, id);
        return id;
    }
}
