package scrim.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The help and the version, read from the command line bundle's jar without starting the
 * framework: the bundle holds the one copy of the help text, and its version is the version of
 * the distribution.
 */
final class About {

    /** The help text inside the scrim.cli bundle, which prints the same file. */
    static final String HELP = "scrim/cli/internal/help.txt";
    private static final String CLI_JAR = "scrim.cli_";
    /** Written by the launcher's build (pom.xml, execution "commit"). */
    static final String BUILD = "scrim/launcher/build.properties";

    private About() {
    }

    static String help(Path home) throws IOException {
        try (JarFile jar = cliJar(home)) {
            ZipEntry entry = jar.getEntry(HELP);
            if (entry == null) {
                throw new IOException(jar.getName() + " has no " + HELP + "; rebuild the distribution with ./mvnw -B install");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * "scrim 1.0.0 (build 202611292256, commit 1a2b3c4d5e6f)", from the bundle version
     * 1.0.0.202611292256 and the commit the build recorded.
     */
    static String version(Path home) throws IOException {
        try (JarFile jar = cliJar(home)) {
            String version = jar.getManifest().getMainAttributes().getValue(new Attributes.Name("Bundle-Version"));
            if (version == null) {
                throw new IOException(jar.getName() + " has no Bundle-Version; rebuild the distribution with ./mvnw -B install");
            }
            String[] parts = version.split("\\.", 4);
            String commit = "commit " + commit();
            return parts.length == 4
                    ? "scrim " + parts[0] + "." + parts[1] + "." + parts[2] + " (build " + parts[3] + ", " + commit + ")"
                    : "scrim " + version + " (" + commit + ")";
        }
    }

    /**
     * The commit the launcher was built from, as the build recorded it in {@value #BUILD}: a short
     * hash, with "+changes" when the work tree had uncommitted changes, or "unknown".
     */
    private static String commit() throws IOException {
        try (InputStream in = About.class.getResourceAsStream("/" + BUILD)) {
            if (in == null) {
                return "unknown";
            }
            Properties build = new Properties();
            build.load(in);
            return build.getProperty("commit", "unknown");
        }
    }

    private static JarFile cliJar(Path home) throws IOException {
        Path bundles = home.resolve("bundles");
        try (Stream<Path> jars = Files.list(bundles)) {
            Path jar = jars.filter(p -> p.getFileName().toString().startsWith(CLI_JAR) && p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IOException("the distribution in " + home + " has no scrim.cli bundle; rebuild it with ./mvnw -B install"));
            return new JarFile(jar.toFile());
        }
    }
}
