package scrim.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Constants;

import scrim.api.Part;

/** The services of one kind that are bound now, looked up by their name property. */
final class Registry<T> {

    private final String nameProperty;
    private final Map<T, Map<String, Object>> services = new ConcurrentHashMap<>();

    Registry(String nameProperty) {
        this.nameProperty = nameProperty;
    }

    void add(T service, Map<String, Object> properties) {
        services.put(service, properties);
    }

    void remove(T service) {
        services.remove(service);
    }

    /** The highest-ranked service with this name, or null. */
    T find(String name) {
        return best(name, null);
    }

    /** The highest-ranked service for which {@code flag} is not false; null if none. */
    T bestWhere(String flag) {
        return best(null, flag);
    }

    private T best(String name, String flag) {
        T best = null;
        int bestRank = Integer.MIN_VALUE;
        for (Map.Entry<T, Map<String, Object>> e : services.entrySet()) {
            Map<String, Object> p = e.getValue();
            if (name != null && !name.equals(p.get(nameProperty))) {
                continue;
            }
            if (flag != null && Boolean.FALSE.equals(p.get(flag))) {
                continue;
            }
            int rank = p.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
            if (best == null || rank > bestRank) {
                best = e.getKey();
                bestRank = rank;
            }
        }
        return best;
    }

    /** The name a bound service was registered with. */
    String nameOf(T service) {
        Map<String, Object> p = services.get(service);
        return p == null ? null : String.valueOf(p.get(nameProperty));
    }

    Object property(T service, String key) {
        Map<String, Object> p = services.get(service);
        return p == null ? null : p.get(key);
    }

    /** Sorted names, for messages that list what exists. */
    String names() {
        TreeSet<String> names = new TreeSet<>();
        for (Map<String, Object> p : services.values()) {
            names.add(String.valueOf(p.get(nameProperty)));
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** What is installed, sorted by name; {@code labelProperty} gives each its label. */
    List<Part> parts(String labelProperty) {
        List<Part> parts = new ArrayList<>();
        for (Map<String, Object> p : services.values()) {
            parts.add(new Part(String.valueOf(p.get(nameProperty)), String.valueOf(p.getOrDefault(labelProperty, "")), p));
        }
        parts.sort(Comparator.comparing(Part::id));
        return parts;
    }
}
