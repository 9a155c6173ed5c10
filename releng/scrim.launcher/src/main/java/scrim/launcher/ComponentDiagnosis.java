package scrim.launcher;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Says why a bundle's Declarative Services components are not active, from SCR's runtime
 * service. The launcher lives outside the framework and does not link against the DS API, so
 * it reads SCR's DTOs (plain public fields) by reflection.
 */
final class ComponentDiagnosis {

    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final int UNSATISFIED_CONFIGURATION = 1;
    private static final int FAILED_ACTIVATION = 16;

    private ComponentDiagnosis() {
    }

    /** Why {@code bundle}'s components are not active, in plain words; never null. */
    static String explain(BundleContext context, Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return "bundle " + bundle.getSymbolicName() + " is not active (state " + bundle.getState() + "): it could not resolve or start";
        }
        ServiceReference<?> ref = context.getServiceReference(RUNTIME);
        if (ref == null) {
            return "the Declarative Services runtime (bundle org.apache.felix.scr) is not running";
        }
        Object scr = context.getService(ref);
        try {
            Class<?> api = ref.getBundle().loadClass(RUNTIME);
            Collection<?> descriptions = (Collection<?>) api.getMethod("getComponentDescriptionDTOs", Bundle[].class)
                    .invoke(scr, (Object) new Bundle[] {bundle});
            Method configurations = api.getMethod("getComponentConfigurationDTOs", api.getClassLoader()
                    .loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO"));
            List<String> why = new ArrayList<>();
            for (Object d : descriptions) {
                Collection<?> configs = (Collection<?>) configurations.invoke(scr, d);
                if (configs.isEmpty()) {
                    why.add("component " + field(d, "name") + " is not enabled");
                }
                for (Object c : configs) {
                    why.add(explainConfiguration(d, c));
                }
            }
            return why.isEmpty() ? "bundle " + bundle.getSymbolicName() + " has no components" : String.join("; ", why);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "the Declarative Services runtime could not say why (" + e + ")";
        } finally {
            context.ungetService(ref);
        }
    }

    private static String explainConfiguration(Object description, Object config) throws ReflectiveOperationException {
        String name = String.valueOf(field(description, "name"));
        int state = (Integer) field(config, "state");
        if (state == FAILED_ACTIVATION) {
            return "component " + name + " failed to activate: " + field(config, "failure");
        }
        if (state == UNSATISFIED_CONFIGURATION) {
            return "component " + name + " waits for its configuration";
        }
        Object unsatisfied = field(config, "unsatisfiedReferences");
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < Array.getLength(unsatisfied); k++) {
            String ref = String.valueOf(field(Array.get(unsatisfied, k), "name"));
            missing.add(interfaceOf(description, ref));
        }
        return missing.isEmpty() ? "component " + name + " is in state " + state
                : "component " + name + " waits for a service no installed bundle offers: " + String.join(", ", missing);
    }

    /** The service interface (and target filter) of a reference, by the reference's name. */
    private static String interfaceOf(Object description, String reference) throws ReflectiveOperationException {
        Object refs = field(description, "references");
        for (int i = 0; i < Array.getLength(refs); i++) {
            Object r = Array.get(refs, i);
            if (reference.equals(field(r, "name"))) {
                Object target = field(r, "target");
                return field(r, "interfaceName") + (target == null ? "" : " " + target);
            }
        }
        return reference;
    }

    private static Object field(Object dto, String name) throws ReflectiveOperationException {
        return dto.getClass().getField(name).get(dto);
    }
}
