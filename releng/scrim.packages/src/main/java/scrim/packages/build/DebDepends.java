package scrim.packages.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The package's Depends, computed like dpkg-shlibdeps does: every x86-64 Linux ELF file of the image (the Java
 * runtime's, and the natives inside the bundles' jars) names the libraries it needs (readelf NEEDED); those the
 * image does not ship are found with ldconfig and mapped to their Debian package with dpkg -S. A needed library
 * that the build machine does not have fails the build (the package would not run). Writes the control file
 * from its template, replacing [[scrim.depends]]. Build-time tool: run by exec-maven-plugin.
 */
public final class DebDepends {
    /** Natives in the jars that Scrim never loads, with why; their needs are not Scrim's. */
    private static final List<Pattern> NEVER_LOADED = List.of(
            Pattern.compile(".*/python/.*"),                 // OpenCV's Python module: only Python loads it
            Pattern.compile(".*libswt-pi4-gtk.*"),           // SWT on GTK 4: only with SWT_GTK4=1
            Pattern.compile(".*libswt-glx-gtk.*"),           // SWT's GLCanvas (OpenGL): Scrim draws no GL
            Pattern.compile(".*libswt-awt-gtk.*"),           // AWT inside SWT windows: Scrim embeds no AWT
            Pattern.compile(".*libopencv_highgui\\.so.*"),   // OpenCV windows (GTK 2): Scrim never opens one
            Pattern.compile(".*libjniopencv_highgui\\.so"),
            Pattern.compile(".*libjniopenblas_nolapack\\.so")); // JavaCPP loads the full OpenBLAS, not this one
    /** Libraries loaded with dlopen, which readelf cannot see: SWT opens GTK 3 that way. */
    private static final List<String> DLOPENED = List.of("libgtk-3.so.0");
    private static final Pattern OTHER_PLATFORM = Pattern.compile(
            ".*/(?!linux-x86[-_]64/)(linux|freebsd|openbsd|dragonflybsd|sunos|darwin|win32|aix|android)-[^/]*/.*");
    private static final Pattern NEEDED = Pattern.compile("\\((NEEDED|SONAME)\\)\\s+\\S+ \\S+: \\[(.*)\\]");

    private final Set<String> needed = new TreeSet<>();
    private final Set<String> shipped = new TreeSet<>();
    private final Path scratch;

    private DebDepends(Path scratch) {
        this.scratch = scratch;
    }

    /** Arguments: the image, the control template, the control file to write. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DebDepends IMAGE_DIR CONTROL_TEMPLATE CONTROL_OUT");
        }
        Path scratch = Files.createTempDirectory("scrim-elf");
        try {
            String depends = String.join(", ", new DebDepends(scratch).depends(Path.of(args[0])));
            System.out.println("[scrim] Depends: " + depends);
            String control = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8)
                    .replace("[[scrim.depends]]", depends);
            Path out = Path.of(args[2]);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, control, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> s = Files.walk(scratch)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Set<String> depends(Path image) throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(image)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".jar")) {
                scanJar(f);
            } else if (isLinuxX8664Elf(f)) {
                shipped.add(name);
                readElf(f);
            }
        }
        needed.addAll(DLOPENED);
        needed.removeAll(shipped);
        Set<String> packages = new TreeSet<>();
        TreeMap<String, String> missing = new TreeMap<>();
        for (String soname : needed) {
            String path = ldconfig(soname);
            String pkg = path == null ? null : dpkgOwner(path);
            if (pkg == null) {
                missing.put(soname, path == null ? "not found by ldconfig -p" : path + " belongs to no package");
            } else {
                packages.add(pkg);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the package's natives need libraries this build machine lacks, so its "
                    + "Depends cannot be computed: " + missing + "; install the packages that provide them");
        }
        return packages;
    }

    private void scanJar(Path jar) throws IOException, InterruptedException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                String name = e.getName();
                if (e.isDirectory() || !name.matches(".*\\.so(\\.[0-9.]+)?") || OTHER_PLATFORM.matcher(name).matches()
                        || NEVER_LOADED.stream().anyMatch(p -> p.matcher(name).matches())) {
                    continue;
                }
                Path copy = scratch.resolve("lib.so");
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                if (isLinuxX8664Elf(copy)) {
                    shipped.add(name.substring(name.lastIndexOf('/') + 1));
                    readElf(copy);
                }
            }
        }
    }

    /** An ELF shared object or executable for x86-64, System V or GNU/Linux ABI (not FreeBSD's). */
    static boolean isLinuxX8664Elf(Path f) throws IOException {
        byte[] h = new byte[20];
        try (InputStream in = Files.newInputStream(f)) {
            if (in.readNBytes(h, 0, h.length) < h.length) {
                return false;
            }
        }
        return h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F' && h[4] == 2 && (h[7] == 0 || h[7] == 3)
                && h[18] == 0x3e && h[19] == 0;
    }

    /** Adds the file's NEEDED libraries; its SONAME counts as shipped (a library may be shipped under another name). */
    private void readElf(Path f) throws IOException, InterruptedException {
        for (String line : run("readelf", "-d", "-W", f.toString())) {
            Matcher m = NEEDED.matcher(line);
            if (m.find()) {
                (m.group(1).equals("NEEDED") ? needed : shipped).add(m.group(2));
            }
        }
    }

    private static String ldconfig(String soname) throws IOException, InterruptedException {
        for (String line : run("/sbin/ldconfig", "-p")) {
            String l = line.strip();
            if (l.startsWith(soname + " ") && l.contains("x86-64")) {
                return l.substring(l.lastIndexOf(" => ") + 4);
            }
        }
        return null;
    }

    /** The package that owns the library, following a symlink to its real file if the link has no owner. */
    private static String dpkgOwner(String path) throws IOException, InterruptedException {
        for (String p : List.of(path, Path.of(path).toRealPath().toString(),
                Path.of(path).toRealPath().toString().replaceFirst("^/usr/lib/", "/lib/"))) {
            List<String> out = run("dpkg", "-S", p);
            if (!out.isEmpty() && out.get(0).contains(": ")) {
                return out.get(0).substring(0, out.get(0).indexOf(':'));
            }
        }
        return null;
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList());
        p.waitFor();
        return lines;
    }
}
