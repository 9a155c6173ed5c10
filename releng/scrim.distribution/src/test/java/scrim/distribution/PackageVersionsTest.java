package scrim.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The exported packages' versions: each API package declares its semantic version once, with
 * {@code @Version} in its package-info.java (what the baseline check and plugin authors read),
 * and the bundle's manifest must export exactly that version. Tycho 4.0.13 cannot let bnd write
 * these manifests (a bundle without MANIFEST.MF does not resolve on a clean checkout), so the
 * manifests are kept by hand and this test holds them to the annotation.
 */
class PackageVersionsTest {

    private static final Path BUNDLES = Scrim.DISTRIBUTION.resolve("bundles");
    private static final Path SOURCES = Scrim.DISTRIBUTION.getParent().getParent().getParent().getParent().resolve("bundles");

    @Test
    void api() throws IOException {
        assertExportsThePackageInfoVersion("scrim.api");
    }

    @Test
    void pixels() throws IOException {
        assertExportsThePackageInfoVersion("scrim.pixels");
    }

    @Test
    void v4l2() throws IOException {
        assertExportsThePackageInfoVersion("scrim.v4l2");
    }

    private static void assertExportsThePackageInfoVersion(String bundle) throws IOException {
        Path info = SOURCES.resolve(bundle).resolve("src").resolve(bundle.replace('.', '/')).resolve("package-info.java");
        assertTrue(Files.isRegularFile(info), "no " + info);
        Matcher declared = Pattern.compile("@org\\.osgi\\.annotation\\.versioning\\.Version\\(\"([0-9.]+)\"\\)").matcher(Files.readString(info));
        assertTrue(declared.find(), info + " declares no @Version");

        Path jar;
        try (Stream<Path> jars = Files.list(BUNDLES)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().startsWith(bundle + "_")).toList();
            assertEquals(1, found.size(), bundle + " jars in " + BUNDLES + ": " + found);
            jar = found.get(0);
        }
        String exports;
        try (JarFile j = new JarFile(jar.toFile())) {
            exports = j.getManifest().getMainAttributes().getValue("Export-Package");
        }
        Matcher exported = Pattern.compile("(?:^|,)" + Pattern.quote(bundle) + ";version=\"([0-9.]+)\"").matcher(exports);
        assertTrue(exported.find(), jar.getFileName() + " does not export " + bundle + " with a version: " + exports);
        assertEquals(declared.group(1), exported.group(1), bundle + ": bundles/" + bundle
                + "/META-INF/MANIFEST.MF exports another version than its package-info.java declares; make them agree");
    }
}
