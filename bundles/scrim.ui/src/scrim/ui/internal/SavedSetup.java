package scrim.ui.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A saved setup as the window reads and changes it: the pipeline's (PID scrim.engine), which the
 * engine applies between two frames, and the window's own choices (PID scrim.ui). ConfigAdmin
 * keeps both, so the next start resumes what was chosen.
 */
final class SavedSetup {

    /** The window's own choices, such as the virtual camera it switches on. */
    static final String WINDOW_PID = "scrim.ui";

    private final ConfigurationAdmin configAdmin;
    private final String pid;

    SavedSetup(ConfigurationAdmin configAdmin, String pid) {
        this.configAdmin = configAdmin;
        this.pid = pid;
    }

    private Configuration configuration() throws IOException {
        return configAdmin.getConfiguration(pid, "?");
    }

    /** The saved value of a key, or null. */
    Object get(String key) {
        try {
            Dictionary<String, Object> d = configuration().getProperties();
            return d == null ? null : d.get(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String key, String otherwise) {
        Object v = get(key);
        return v == null ? otherwise : v.toString();
    }

    List<String> list(String key) {
        return get(key) instanceof String[] a ? List.of(a) : List.of();
    }

    /** Changes one key, keeping the rest. */
    void set(String key, Object value) {
        setAll(Map.of(key, value));
    }

    /**
     * Changes several keys in one update, keeping the rest: whoever follows the configuration
     * sees them change together (a size is never a new width with the old height).
     */
    void setAll(Map<String, ?> values) {
        try {
            Configuration c = configuration();
            Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            values.forEach(d::put);
            c.update(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void setList(String key, List<String> values) {
        set(key, values.toArray(String[]::new));
    }
}
