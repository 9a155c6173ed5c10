package scrim.settings.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import scrim.api.Rgb;
import scrim.api.Setting;
import scrim.api.Setting.Kind;
import scrim.api.Settings;

/**
 * Describes settings from the Metatype service (plus the ranges from the bundle's definition
 * files, which the Metatype API does not expose) and applies them through ConfigAdmin only
 * after every value has been checked.
 */
@Component
public final class SettingsComponent implements Settings {

    @Reference
    private MetaTypeService metatype;
    @Reference
    private ConfigurationAdmin configAdmin;
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Setting> describe(String pid) {
        Definition d = find(pid);
        return d == null ? List.of() : d.settings();
    }

    @Override
    public void check(String pid, Map<String, String> values) {
        typed(pid, values);
    }

    @Override
    public void update(String pid, Map<String, String> values) throws IOException {
        Hashtable<String, Object> typed = typed(pid, values);
        Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> merged = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        typed.forEach(merged::put);
        c.update(merged);
    }

    /** The values converted to their configuration types, or the first problem. */
    private Hashtable<String, Object> typed(String pid, Map<String, String> values) {
        Definition d = find(pid);
        if (d == null) {
            throw new IllegalArgumentException("'" + pid + "' has no settings description, so its settings cannot be checked");
        }
        Hashtable<String, Object> typed = new Hashtable<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Setting s = d.settings().stream().filter(x -> x.id().equals(e.getKey())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown setting '" + e.getKey() + "' for " + pid + ": valid settings are "
                            + d.settings().stream().map(Setting::id).collect(Collectors.joining(", "))));
            AttributeDefinition ad = d.attributes().get(s.id());
            Object v = value(s, ad.getType(), e.getValue());
            String check = s.kind() == Kind.LIST ? null : ad.validate(String.valueOf(v));
            if (check != null && !check.isEmpty()) {
                throw new IllegalArgumentException("setting " + s.id() + "=" + e.getValue() + " is not valid: it takes " + s.range());
            }
            typed.put(s.id(), v);
        }
        return typed;
    }

    /** Converts a value given as text to the configuration type, or says what the setting accepts. */
    static Object value(Setting s, int type, String text) {
        String t = text.trim();
        String bad = "setting " + s.id() + "=" + text + " is not valid: it takes " + s.range();
        try {
            switch (s.kind()) {
                case INTEGER -> {
                    long v = Long.parseLong(t);
                    inRange(s, v, bad);
                    return type == AttributeDefinition.LONG ? (Object) v : (Object) Math.toIntExact(v);
                }
                case DECIMAL -> {
                    double v = Double.parseDouble(t);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(bad);
                    }
                    inRange(s, v, bad);
                    return type == AttributeDefinition.FLOAT ? (Object) (float) v : (Object) v;
                }
                case BOOLEAN -> {
                    if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException(bad);
                    }
                    return Boolean.parseBoolean(t);
                }
                case CHOICE -> {
                    return s.options().stream().filter(t::equalsIgnoreCase).findFirst().orElseThrow(() -> new IllegalArgumentException(bad));
                }
                case COLOR -> {
                    return Rgb.parse(t).toString();
                }
                case FILE -> {
                    if (t.isEmpty()) {
                        return t;
                    }
                    Path p = Path.of(t).toAbsolutePath().normalize();
                    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                        throw new IllegalArgumentException("setting " + s.id() + ": " + (Files.exists(p) ? "cannot read '" + p + "'"
                                : "there is no file '" + p + "'") + "; give the path of a file you can read");
                    }
                    return p.toString();
                }
                case LIST -> {
                    return t.isEmpty() ? new String[0] : t.split("\\s*\\|\\s*");
                }
                default -> {
                    return t;
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(bad);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("setting ") ? e
                    : new IllegalArgumentException("setting " + s.id() + ": " + e.getMessage());
        }
    }

    private static void inRange(Setting s, double v, String bad) {
        if (s.min() != null && v < s.min() || s.max() != null && v > s.max()) {
            throw new IllegalArgumentException(bad);
        }
    }

    // ------------------------------------------------------------ finding the definition

    /** The settings of one PID and their Metatype attributes by id. */
    record Definition(List<Setting> settings, Map<String, AttributeDefinition> attributes) {
    }

    private Definition find(String pid) {
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null || !List.of(info.getPids()).contains(pid)) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] ads = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            if (ads == null) {
                return null;
            }
            Map<String, String[]> ranges = DefinitionFiles.ranges(b, pid);
            List<Setting> settings = new ArrayList<>();
            Map<String, AttributeDefinition> byId = new HashMap<>();
            for (AttributeDefinition ad : ads) {
                String[] range = ranges.getOrDefault(ad.getID(), new String[2]);
                settings.add(new Setting(ad.getID(), ad.getName(), ad.getDescription() == null ? "" : ad.getDescription(), kind(ad),
                        number(range[0]), number(range[1]), list(ad.getOptionValues()), list(ad.getOptionLabels()),
                        ad.getDefaultValue() == null ? "" : String.join("|", ad.getDefaultValue())));
                byId.put(ad.getID(), ad);
            }
            return new Definition(List.copyOf(settings), Map.copyOf(byId));
        }
        return null;
    }

    private static Kind kind(AttributeDefinition ad) {
        if (ad.getCardinality() != 0) {
            return Kind.LIST;
        }
        if (ad.getOptionValues() != null && ad.getOptionValues().length > 0) {
            return Kind.CHOICE;
        }
        String id = ad.getID();
        return switch (ad.getType()) {
            case AttributeDefinition.BYTE, AttributeDefinition.SHORT, AttributeDefinition.INTEGER, AttributeDefinition.LONG -> Kind.INTEGER;
            case AttributeDefinition.FLOAT, AttributeDefinition.DOUBLE -> Kind.DECIMAL;
            case AttributeDefinition.BOOLEAN -> Kind.BOOLEAN;
            default -> id.equals("color") || id.endsWith("Color") ? Kind.COLOR : id.equals("file") || id.endsWith("File") ? Kind.FILE : Kind.TEXT;
        };
    }

    private static Double number(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
