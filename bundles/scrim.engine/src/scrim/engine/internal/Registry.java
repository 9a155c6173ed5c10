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

    /**
     * The one rule for which of several services is used, OSGi's own service order: the higher
     * service.ranking, then on a tie the lower service.id (the one registered first). Never the
     * order of binding or of a hash.
     */
    private static final Comparator<Map<String, Object>> PREFERENCE = Comparator.<Map<String, Object>>comparingInt(Registry::ranking)
            .thenComparing(Registry::serviceId, Comparator.reverseOrder());

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

    /** The preferred service with this name (see {@link #PREFERENCE}), or null. */
    T find(String name) {
        return best(name, null);
    }

    /** The preferred service for which {@code flag} is not false; null if none. */
    T bestWhere(String flag) {
        return best(null, flag);
    }

    /** The name of the preferred service for which {@code flag} is not false; null if none. */
    String bestNameWhere(String flag) {
        Map.Entry<T, Map<String, Object>> e = bestEntry(null, flag);
        return e == null ? null : String.valueOf(e.getValue().get(nameProperty));
    }

    private T best(String name, String flag) {
        Map.Entry<T, Map<String, Object>> e = bestEntry(name, flag);
        return e == null ? null : e.getKey();
    }

    private Map.Entry<T, Map<String, Object>> bestEntry(String name, String flag) {
        Map.Entry<T, Map<String, Object>> best = null;
        for (Map.Entry<T, Map<String, Object>> e : services.entrySet()) {
            Map<String, Object> p = e.getValue();
            if (name != null && !name.equals(p.get(nameProperty)) || flag != null && Boolean.FALSE.equals(p.get(flag))) {
                continue;
            }
            if (best == null || PREFERENCE.compare(p, best.getValue()) > 0) {
                best = e;
            }
        }
        return best;
    }

    private static int ranking(Map<String, Object> p) {
        return p.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }

    private static long serviceId(Map<String, Object> p) {
        return p.get(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
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
