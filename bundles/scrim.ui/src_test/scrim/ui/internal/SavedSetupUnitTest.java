package scrim.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What the window hands to ConfigAdmin. Every update of the engine's configuration restarts
 * the pipeline with what it says, so a size must arrive as one update, never as a new width
 * with the old height. (Checked here against a ConfigurationAdmin that records the updates:
 * the window itself is driven by the distribution's window test.)
 */
class SavedSetupUnitTest {

    /** One configuration, as ConfigAdmin keeps it; each update is recorded. */
    private final Hashtable<String, Object> saved = new Hashtable<>(Map.of("width", 1280, "height", 720, "fps", 30.0));
    private final List<Map<String, Object>> updates = new ArrayList<>();

    private ConfigurationAdmin configAdmin() {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> new Hashtable<>(saved);
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                        saved.clear();
                        for (String k : java.util.Collections.list(d.keys())) {
                            saved.put(k, d.get(k));
                        }
                        updates.add(new LinkedHashMap<>(saved));
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration")) {
                        return configuration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aNewSizeIsOneUpdateWithWidthAndHeightTogether() {
        new SavedSetup(configAdmin(), "scrim.engine").setAll(Map.of("width", 640, "height", 360));
        assertEquals(List.of(Map.of("width", 640, "height", 360, "fps", 30.0)), updates,
                "one update, with the other keys kept; never 640x720 on the way");
    }
}
