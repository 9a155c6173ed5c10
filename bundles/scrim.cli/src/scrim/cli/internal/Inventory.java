package scrim.cli.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The services of one kind installed now, by their name property, with their properties. */
final class Inventory<T> {

    private final String nameProperty;
    private final Map<T, Map<String, Object>> services = new ConcurrentHashMap<>();

    Inventory(String nameProperty) {
        this.nameProperty = nameProperty;
    }

    void add(T service, Map<String, Object> props) {
        services.put(service, props);
    }

    void remove(T service) {
        services.remove(service);
    }

    /** Name to properties, sorted by name. */
    TreeMap<String, Map<String, Object>> byName() {
        TreeMap<String, Map<String, Object>> m = new TreeMap<>();
        services.values().forEach(p -> m.put(String.valueOf(p.get(nameProperty)), p));
        return m;
    }

    T find(String name) {
        for (Map.Entry<T, Map<String, Object>> e : services.entrySet()) {
            if (name.equals(e.getValue().get(nameProperty))) {
                return e.getKey();
            }
        }
        return null;
    }

    String names() {
        return services.isEmpty() ? "none installed" : String.join(", ", byName().keySet());
    }
}
