package scrim.test.uidriver;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import scrim.api.Pipeline;

/** What the drivers read back from saved configurations to check a control's effect. */
final class SavedConfig {

    private SavedConfig() {
    }

    /** A property of a saved configuration, or null; never creates the configuration. */
    static Object property(ConfigurationAdmin admin, String pid, String key) {
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
            Dictionary<String, Object> d = found == null || found.length == 0 ? null : found[0].getProperties();
            return d == null ? null : d.get(key);
        } catch (IOException | InvalidSyntaxException e) {
            throw new Ui.Failure("cannot read configuration " + pid + ": " + e);
        }
    }

    /** The engine's saved effect chain, empty when none is saved. */
    static List<String> effects(ConfigurationAdmin admin) {
        return property(admin, Pipeline.PID, Pipeline.CONFIG_EFFECTS) instanceof String[] a ? List.of(a) : List.of();
    }

    /** A setting or a shown text as a number; NaN when absent or not a number. */
    static double number(Object v) {
        try {
            return v == null ? Double.NaN : Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
