package scrim.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

import scrim.api.Pipeline;

/**
 * The effect presets the tray offers: no effect, blur, and the last three pictures used as a
 * background (the picture effect with that file). The pictures are remembered in the window's
 * own saved choices whenever the picture effect's file changes, from the window, the command
 * line or the tray.
 */
final class Presets {

    static final String IMAGE_PID = "scrim.effect.image";
    static final String IMAGE_FILE = "file";
    /** Key in the window's saved choices: the pictures, most recent first. */
    static final String RECENT = "backgrounds";
    static final int KEEP = 3;

    /** @param picture the picture effect's file, or null for presets without a picture */
    record Preset(String id, String label, List<String> effects, String picture) {
    }

    static final Preset NONE = new Preset("none", "No effect", List.of(), null);
    static final Preset BLUR = new Preset("blur", "Blur", List.of("blur"), null);

    private Presets() {
    }

    /** None, Blur, then the remembered pictures that still exist. */
    static List<Preset> list(Services s) {
        List<Preset> all = new ArrayList<>(List.of(NONE, BLUR));
        List<String> recent = s.window().list(RECENT);
        for (int i = 0; i < recent.size(); i++) {
            Path p = Path.of(recent.get(i));
            if (Files.isRegularFile(p)) {
                all.add(new Preset("picture." + i, "Picture: " + p.getFileName(), List.of("image"), recent.get(i)));
            }
        }
        return all;
    }

    /** Whether the pipeline is set up as this preset says. */
    static boolean isCurrent(Services s, Preset p) {
        if (!s.engine().list(Pipeline.CONFIG_EFFECTS).equals(p.effects())) {
            return false;
        }
        return p.picture() == null || p.picture().equals(s.setup(IMAGE_PID).text(IMAGE_FILE, ""));
    }

    /** Sets the chain; for a picture, its file first, so the chain never shows the old picture. */
    static void apply(Services s, Preset p) {
        if (p.picture() != null) {
            s.setup(IMAGE_PID).set(IMAGE_FILE, p.picture());
        }
        s.engine().setList(Pipeline.CONFIG_EFFECTS, p.effects());
    }

    /** The remembered pictures after {@code picture} was used: it comes first, at most {@link #KEEP}. */
    static List<String> remembered(List<String> recent, String picture) {
        List<String> next = new ArrayList<>(List.of(picture));
        recent.stream().filter(r -> !r.equals(picture)).limit(KEEP - 1).forEach(next::add);
        return next;
    }

    /** Remembers the picture effect's file now, and follows its changes until the registration is removed. */
    static ServiceRegistration<ConfigurationListener> follow(Services s) {
        remember(s);
        return s.context().registerService(ConfigurationListener.class, (ConfigurationEvent e) -> {
            if (IMAGE_PID.equals(e.getPid()) && e.getType() == ConfigurationEvent.CM_UPDATED) {
                remember(s);
            }
        }, null);
    }

    private static void remember(Services s) {
        String picture = s.setup(IMAGE_PID).text(IMAGE_FILE, "");
        List<String> recent = s.window().list(RECENT);
        if (!picture.isBlank() && !Objects.equals(recent.isEmpty() ? null : recent.get(0), picture)) {
            s.window().setList(RECENT, remembered(recent, picture));
        }
    }
}
