package scrim.ui.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * One picture or video of the backgrounds catalogue.
 *
 * @param id    unique in the catalogue: {@code own:NAME} for the user's folder, {@code BUNDLE:NAME} for a bundle's
 * @param file  where the effects read it (a bundle's file is copied out of the bundle once)
 * @param own   in the user's backgrounds folder, so it can be removed from the gallery
 */
record Background(String id, String label, Path file, boolean video, boolean own) {

    static final Set<String> PICTURES = Set.of("png", "jpg", "jpeg");
    /** The video effect reads Motion-JPEG AVI files. */
    static final Set<String> VIDEOS = Set.of("avi");

    /** The lower-case extension of a file name, or "". */
    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static boolean isMedia(Path file) {
        String e = extension(file);
        return PICTURES.contains(e) || VIDEOS.contains(e);
    }

    static boolean isVideo(Path file) {
        return VIDEOS.contains(extension(file));
    }

    /** A label from a file name: "my_office-2.jpg" becomes "my office 2". */
    static String labelOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)).replace('_', ' ').replace('-', ' ').strip();
    }
}
