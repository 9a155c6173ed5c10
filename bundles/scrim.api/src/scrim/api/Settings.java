package scrim.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The settings of Scrim's components (engine, effects, models) as their Metatype definitions
 * describe them, checked before anything changes. The command line and the control
 * application both go through this service, so a bad value is refused the same way everywhere.
 */
@ProviderType
public interface Settings {

    /** The settings of the component configured under {@code pid}, in definition order; empty if it has none. */
    List<Setting> describe(String pid);

    /**
     * Checks values given as text (by setting id) against the definition without changing
     * anything; throws {@link IllegalArgumentException} naming the first bad setting and what it accepts.
     */
    void check(String pid, Map<String, String> values);

    /**
     * Checks values given as text (by setting id) against the definition and merges them into the
     * component's configuration. Throws {@link IllegalArgumentException} naming the first bad
     * setting and what it accepts; then nothing is changed and the running configuration stays.
     */
    void update(String pid, Map<String, String> values) throws IOException;
}
