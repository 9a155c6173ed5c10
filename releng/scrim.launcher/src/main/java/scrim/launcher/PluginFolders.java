package scrim.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The two folders plugins (effect and model bundles) come from: the user's load folder, which
 * FileInstall watches (drop a jar in, it installs; take it out, it goes), and the system folder
 * that packages ship plugins in ({@value #SYSTEM_DEFAULT}; SCRIM_SYSTEM_PLUGINS overrides it),
 * read-only and installed once at start. A bundle in both (same symbolic name) is taken from the
 * load folder only: the user's copy wins, so a user can try a newer or patched plugin without
 * root. That is decided at start: a copy dropped in while Scrim runs replaces the packaged one
 * at the next start (until then the framework keeps the packaged one if the versions are the
 * same, or runs both). The system folder is never written to; a missing one is normal.
 */
final class PluginFolders {

    static final String SYSTEM_DEFAULT = "/usr/share/scrim/plugins";

    /** The user's load folder. */
    final Path load;
    /** The system folder; it may not exist. */
    final Path system;
    /** The system folder's jars to install: all but those overridden. */
    final List<Path> systemJars;
    /** The system folder's jars that a jar of the same bundle in the load folder overrides. */
    final List<Path> overridden;

    private PluginFolders(Path load, Path system, List<Path> systemJars, List<Path> overridden) {
        this.load = load;
        this.system = system;
        this.systemJars = systemJars;
        this.overridden = overridden;
    }

    /** Looks at both folders; a system folder that exists but cannot be read is reported and skipped. */
    static PluginFolders scan(Path load, Path system, PrintStream err) throws IOException {
        List<Path> systemAll;
        try {
            systemAll = jars(system);
        } catch (IOException e) {
            err.println("scrim: cannot read the plugin folder " + system + " (" + e + "): its plugins are not loaded;"
                    + " make it readable (chmod a+rx) or reinstall the package that made it");
            systemAll = List.of();
        }
        Set<String> users = jars(load).stream().map(PluginFolders::symbolicName).collect(Collectors.toSet());
        List<Path> use = new ArrayList<>();
        List<Path> overridden = new ArrayList<>();
        for (Path jar : systemAll) {
            (users.contains(symbolicName(jar)) ? overridden : use).add(jar);
        }
        return new PluginFolders(load, system, List.copyOf(use), List.copyOf(overridden));
    }

    /**
     * Installs the system folder's plugins by reference (the framework reads them where they are
     * and copies nothing); a jar that is no bundle is reported and skipped, the rest install.
     */
    List<Bundle> installSystemPlugins(BundleContext context, PrintStream err) {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : systemJars) {
            try {
                installed.add(context.installBundle("reference:" + jar.toUri()));
            } catch (BundleException | RuntimeException e) {
                err.println("scrim: plugin " + jar + " did not install (" + e.getMessage()
                        + "); is it an OSGi bundle built for Scrim? Remove it or reinstall the package it came from");
            }
        }
        return installed;
    }

    /** The jars directly in a folder, by name; none if the folder does not exist. */
    static List<Path> jars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A jar's Bundle-SymbolicName without its directives, or its path if it has none or cannot be read. */
    private static String symbolicName(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            String name = f.getManifest() == null ? null : f.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? jar.toString() : name.split(";")[0].trim();
        } catch (IOException e) {
            return jar.toString();
        }
    }
}
