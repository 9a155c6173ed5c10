package scrim.engine.internal;

import java.lang.reflect.Proxy;

/**
 * Checks the engine's numeric settings against their ranges, so a value typed by hand into a
 * configuration file is named with its range instead of producing a broken mask or timer.
 */
final class SettingsCheck {

    /** The Metatype defaults, for a configuration whose settings are invalid. */
    static final EngineConfig DEFAULTS = (EngineConfig) Proxy.newProxyInstance(EngineConfig.class.getClassLoader(),
            new Class<?>[] {EngineConfig.class}, (proxy, method, args) -> method.getDefaultValue());

    private SettingsCheck() {
    }

    /** The refinement settings out of range, named with their ranges; empty when all are in range. */
    static String refinement(EngineConfig c) {
        return (outOfRange("refine.smoothing", c.refine_smoothing(), 0, 0.95)
                + outOfRange("refine.radius", c.refine_radius(), 1, 64)
                + outOfRange("refine.eps", c.refine_eps(), 1e-5, 1)
                + outOfRange("refine.threshold", c.refine_threshold(), 0.05, 0.95)
                + outOfRange("refine.feather", c.refine_feather(), 0.01, 1)
                + outOfRange("refine.crop.margin", c.refine_crop_margin(), 0, 1)
                + outOfRange("refine.crop.interval", c.refine_crop_interval(), 1, 300)).trim();
    }

    /** The on-demand grace period out of range, named with its range; empty when in range. */
    static String onDemandGrace(EngineConfig c) {
        return outOfRange("ondemand.grace", c.ondemand_grace(), 0, 3600).trim();
    }

    private static String outOfRange(String name, double value, double min, double max) {
        return value >= min && value <= max ? "" : name + " " + value + " is out of range " + min + " to " + max + ". ";
    }
}
