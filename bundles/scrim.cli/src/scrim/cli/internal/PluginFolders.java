package scrim.cli.internal;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleContext;

/**
 * The plugin folders the launcher loads from, as it passed them in framework properties: the
 * user's load folder and the system folder of packaged plugins, with the packaged jars that the
 * user's copies override. {@code list} and {@code doctor} print them.
 */
record PluginFolders(String load, String system, List<String> overridden) {

    static PluginFolders of(BundleContext context) {
        String overridden = context.getProperty("scrim.plugins.overridden");
        return new PluginFolders(context.getProperty("scrim.load.dir"), context.getProperty("scrim.plugins.dir"),
                overridden == null || overridden.isEmpty() ? List.of() : Arrays.asList(overridden.split(File.pathSeparator)));
    }

    /** The {@code list} section. */
    void list(PrintStream out) {
        out.println("Plugin folders (effect and model bundles):");
        out.printf("  %-24s %s%n", load, "yours: a bundle put here loads at once");
        out.printf("  %-24s %s%n", system, systemState());
        overridden.forEach(jar -> out.printf("  %-24s   %s: your copy in the load folder is used instead%n", "", jar));
    }

    /** The {@code doctor} lines. */
    void doctor(PrintStream out) {
        out.println("OK      plugins load from " + load + " (yours) and " + system + " (" + systemState() + ")");
        overridden.forEach(jar -> out.println("NOTE    " + jar + " is not loaded: your copy of that bundle in " + load + " is used instead"));
    }

    private String systemState() {
        return system != null && Files.isDirectory(Path.of(system)) ? "from packages, read-only" : "from packages: not there, none installed";
    }
}
