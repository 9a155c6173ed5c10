package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The API bundles' manifests in the built distribution, which plugins resolve against. Each
 * exported package declares its semantic version once, with {@code @Version} in its
 * package-info.java; bnd writes the manifest at build time from the bundle's pde.bnd, whose
 * {@code -exportcontents} exports the package with that version (see bundles/api.bnd). The
 * built jar must export exactly the declared version, and every package it imports must carry
 * a bounded version range, so that a plugin built against Scrim 1.x keeps resolving on later
 * 1.x releases and on later JavaCPP 1.5.x / OpenCV 4.x.
 */
class PackageVersionsTest {

    private static final Path BUNDLES = Scrim.DISTRIBUTION.resolve("bundles");
    private static final Path SOURCES = Scrim.DISTRIBUTION.getParent().getParent().getParent().getParent().resolve("bundles");
    private static final Pattern DECLARED = Pattern.compile("@org\\.osgi\\.annotation\\.versioning\\.Version\\(\"([0-9.]+)\"\\)");
    private static final Pattern BOUNDED_RANGE = Pattern.compile(";version=\"[\\[(][0-9.]+,[0-9.]+[\\])]\"");

    @Test
    void api() throws IOException {
        assertExportsThePackageInfoVersion("scrim.api");
        assertImportsCarryBoundedRanges("scrim.api");
    }

    @Test
    void pixels() throws IOException {
        assertExportsThePackageInfoVersion("scrim.pixels");
        assertImportsCarryBoundedRanges("scrim.pixels");
    }

    @Test
    void v4l2() throws IOException {
        assertExportsThePackageInfoVersion("scrim.v4l2");
        assertImportsCarryBoundedRanges("scrim.v4l2");
    }

    private static void assertExportsThePackageInfoVersion(String bundle) throws IOException {
        Path info = SOURCES.resolve(bundle).resolve("src").resolve(bundle.replace('.', '/')).resolve("package-info.java");
        assertTrue(Files.isRegularFile(info), "no " + info);
        Matcher declared = DECLARED.matcher(Files.readString(info));
        assertTrue(declared.find(), info + " declares no @Version");

        Path jar = builtJar(bundle);
        String exports = manifest(jar).getValue("Export-Package");
        Matcher exported = Pattern.compile("(?:^|,)" + Pattern.quote(bundle) + ";version=\"([0-9.]+)\"").matcher(String.valueOf(exports));
        assertTrue(exported.find(), jar.getFileName() + " does not export " + bundle + " with a version: " + exports);
        assertEquals(declared.group(1), exported.group(1), jar.getFileName() + " exports " + bundle + " " + exported.group(1)
                + " but its package-info.java declares " + declared.group(1) + ": the distribution is older than the source"
                + " (rebuild it), or bundles/" + bundle + "/pde.bnd no longer lets bnd take the version from the annotation"
                + " (-exportcontents: " + bundle + ")");
    }

    private static void assertImportsCarryBoundedRanges(String bundle) throws IOException {
        Path jar = builtJar(bundle);
        String imports = manifest(jar).getValue("Import-Package");
        assertTrue(imports != null && !imports.isBlank(), jar.getFileName() + " imports nothing");
        List<String> unbounded = clauses(imports).stream().filter(c -> !BOUNDED_RANGE.matcher(c).find()).toList();
        assertEquals(List.of(), unbounded, jar.getFileName() + " imports packages without a version range [low,high):"
                + " give each one its range in bundles/" + bundle + "/pde.bnd");
    }

    private static Path builtJar(String bundle) throws IOException {
        try (Stream<Path> jars = Files.list(BUNDLES)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().startsWith(bundle + "_")).toList();
            assertEquals(1, found.size(), bundle + " jars in " + BUNDLES + ": " + found);
            return found.get(0);
        }
    }

    private static Attributes manifest(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest().getMainAttributes();
        }
    }

    /** A header's clauses: split at the commas that are not inside quotes (version ranges have commas). */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                clauses.add(header.substring(start, i).trim());
                start = i + 1;
            }
        }
        clauses.add(header.substring(start).trim());
        return clauses;
    }
}
