package scrim.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scrim.packages.Commands.Result;

/**
 * The Debian package as Debian's tools and a user meet it: lintian, the desktop entry and AppStream validators
 * and the man page renderer on what the .deb holds; then, where the test runs as root in CI, installed with apt,
 * used by an unprivileged user, and purged without a trace.
 */
class DebPackageTest {
    private static final Path PACKAGES = Path.of(System.getProperty("scrim.packages", "target")).toAbsolutePath();
    private static final String ID = "io.github.scrim_cam.Scrim";
    private static final List<String> ICON_SIZES = List.of("16", "24", "32", "48", "64", "128", "256");

    @TempDir
    static Path temp;
    private static Path deb;
    /** The package's files, extracted with dpkg-deb. */
    private static Path tree;

    @BeforeAll
    static void extract() throws Exception {
        try (Stream<Path> files = Files.list(PACKAGES)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("scrim_.+_amd64\\.deb")).toList();
            assertEquals(1, found.size(), "one .deb in " + PACKAGES + ": " + found);
            deb = found.get(0);
        }
        tree = temp.resolve("tree");
        Result x = run(List.of("dpkg-deb", "-x", deb.toString(), tree.toString()), 120);
        assertEquals(0, x.status(), x.output());
        System.out.printf("[DebPackageTest] %s: %.1f MB%n", deb.getFileName(), Files.size(deb) / 1e6);
    }

    @Test
    void lintianFindsNoErrors() throws Exception {
        Result lintian = run(List.of("lintian", "--fail-on", "error", "--suppress-tags", "package-contains-empty-directory",
                deb.toString()), 600);
        System.out.println("[DebPackageTest] lintian (warnings are listed, errors fail):\n" + lintian.output());
        assertEquals(0, lintian.status(), "lintian reports errors:\n" + lintian.output());
        assertFalse(lintian.output().lines().anyMatch(l -> l.startsWith("E: ")), lintian.output());
    }

    @Test
    void desktopEntryIsValidAndOpensTheWindow() throws Exception {
        Path entry = tree.resolve("usr/share/applications/" + ID + ".desktop");
        Result validate = run(List.of("desktop-file-validate", entry.toString()), 60);
        assertEquals(0, validate.status(), validate.output());
        assertEquals("", validate.output().strip(), "desktop-file-validate has hints: " + validate.output());
        String text = Files.readString(entry);
        for (String line : List.of("Exec=scrim window", "Icon=" + ID, "Categories=AudioVideo;Video;",
                "StartupWMClass=" + ID)) {
            assertTrue(text.lines().anyMatch(line::equals), "the desktop entry lacks " + line + ":\n" + text);
        }
    }

    @Test
    void appStreamMetadataIsValid() throws Exception {
        Path metainfo = tree.resolve("usr/share/metainfo/" + ID + ".metainfo.xml");
        Result validate = run(List.of("appstreamcli", "validate", "--no-net", metainfo.toString()), 60);
        System.out.println("[DebPackageTest] appstreamcli validate:\n" + validate.output());
        assertEquals(0, validate.status(), validate.output());
        String text = Files.readString(metainfo);
        assertFalse(text.contains("${"), "unfilled property in the metadata:\n" + text);
        assertTrue(text.contains("<screenshot"), "no screenshot reference");
    }

    @Test
    void manPageRendersWithoutWarnings() throws Exception {
        Path page = tree.resolve("usr/share/man/man1/scrim.1.gz");
        Result groff = run(List.of("sh", "-c", "zcat \"$0\" | groff -ww -man -z", page.toString()), 60);
        assertEquals(0, groff.status(), groff.output());
        assertEquals("", groff.output().strip(), "groff warns about scrim.1:\n" + groff.output());
        Result man = run(List.of("man", "-l", page.toString()), 60);
        assertEquals(0, man.status(), man.output());
        // the page is the --help text: its commands and options are all there
        String help = Files.readString(Path.of("").toAbsolutePath().resolve("../../bundles/scrim.cli/src/scrim/cli/internal/help.txt"));
        String rendered = man.output().replaceAll(".\b", "").replaceAll("\\s+", " ");
        for (String option : help.lines().filter(l -> l.matches("  --[a-z-]+ .*")).map(l -> l.trim().split(" ")[0]).toList()) {
            assertTrue(rendered.contains(option), "the man page lacks " + option);
        }
        assertTrue(rendered.contains("scrim doctor") && rendered.contains("EXIT STATUS"), rendered);
    }

    @Test
    void controlDeclaresWhatTheNativesNeed() throws Exception {
        Result info = run(List.of("dpkg-deb", "-f", deb.toString(), "Depends", "Recommends", "Section", "Architecture"), 60);
        assertEquals(0, info.status(), info.output());
        assertTrue(info.output().matches("(?s).*Depends: .*libgtk-3-0.*") && info.output().contains("libc6"), info.output());
        assertTrue(info.output().contains("Recommends: v4l2loopback-dkms, pipewire"), "the virtual camera's two ways: " + info.output());
        Result conffiles = run(List.of("sh", "-c", "dpkg-deb --ctrl-tarfile \"$0\" | tar -xOf - ./conffiles", deb.toString()), 60);
        assertEquals("/etc/modprobe.d/scrim.conf\n/etc/modules-load.d/scrim.conf", conffiles.output().strip());
    }

    /** apt-get install, used by a user created for the test, apt-get purge: only as root in CI (it changes the machine). */
    @Test
    void installsRunsAndPurgesCleanly() throws Exception {
        boolean root = "0".equals(run(List.of("id", "-u"), 10).output().strip());
        boolean ci = "true".equals(System.getenv("CI"));
        if (!root || !ci) {
            String why = "[DebPackageTest] SKIPPED installing the package: it needs root and CI=true (it installs into "
                    + "this machine and adds a user); here root=" + root + ", CI=" + System.getenv("CI");
            System.out.println(why);
            Assumptions.abort(why);
        }
        String user = "scrimtest" + ProcessHandle.current().pid();
        try {
            Result install = run(List.of("apt-get", "install", "-y", "--no-install-recommends", deb.toString()), 900,
                    "DEBIAN_FRONTEND=noninteractive");
            System.out.println("[DebPackageTest] apt-get install:\n" + install.output());
            assertEquals(0, install.status(), install.output());
            if (!Files.isDirectory(Path.of("/sys/module/v4l2loopback"))) {
                assertTrue(install.output().contains("sudo modprobe v4l2loopback"),
                        "without v4l2loopback the install says what to do:\n" + install.output());
            }
            assertInstalled();
            Result add = run(List.of("useradd", "--create-home", "--shell", "/bin/sh", user), 60);
            assertEquals(0, add.status(), add.output());
            Path home = Path.of("/home", user);
            Result version = runAs(user, home, 60, "scrim", "--version");
            assertEquals(0, version.status(), version.output());
            assertTrue(version.output().contains("1.0.0"), version.output());
            Result list = runAs(user, home, 180, "scrim", "list");
            assertEquals(0, list.status(), list.output());
            assertTrue(list.output().contains("blur"), list.output());
            Path y4m = home.resolve("x.y4m");
            Result frames = runAs(user, home, 300, "scrim", "run", "--input", "pattern", "--output", y4m.toString(),
                    "--frames", "30");
            assertEquals(0, frames.status(), frames.output());
            assertEquals("30", Commands.frames(temp, y4m), "ffprobe on the installed Scrim's output");
        } finally {
            try {
                Result purge = run(List.of("apt-get", "purge", "-y", "scrim"), 300, "DEBIAN_FRONTEND=noninteractive");
                System.out.println("[DebPackageTest] apt-get purge:\n" + purge.output());
            } finally {
                run(List.of("userdel", "--remove", user), 60);
            }
        }
        for (String gone : List.of("/opt/scrim", "/usr/share/scrim", "/usr/bin/scrim", "/etc/modprobe.d/scrim.conf",
                "/etc/modules-load.d/scrim.conf", "/usr/share/applications/" + ID + ".desktop")) {
            assertFalse(Files.exists(Path.of(gone), java.nio.file.LinkOption.NOFOLLOW_LINKS), gone + " is left after purge");
        }
    }

    private static void assertInstalled() throws Exception {
        Path bin = Path.of("/usr/bin/scrim");
        assertTrue(Files.isSymbolicLink(bin), "/usr/bin/scrim is not a symlink");
        assertEquals(Path.of("/opt/scrim/scrim"), bin.toRealPath());
        assertTrue(Files.isExecutable(bin), "/usr/bin/scrim is not executable");
        assertTrue(Files.isDirectory(Path.of("/usr/share/scrim/plugins")), "no system plugin folder");
        assertTrue(Files.isRegularFile(Path.of("/usr/share/applications/" + ID + ".desktop")), "no desktop entry");
        assertTrue(Files.isRegularFile(Path.of("/usr/share/metainfo/" + ID + ".metainfo.xml")), "no AppStream metadata");
        assertTrue(Files.isRegularFile(Path.of("/usr/share/icons/hicolor/scalable/apps/" + ID + ".svg")), "no SVG icon");
        for (String s : ICON_SIZES) {
            Path png = Path.of("/usr/share/icons/hicolor/" + s + "x" + s + "/apps/" + ID + ".png");
            assertTrue(Files.isRegularFile(png), "no icon " + png);
        }
        Result man = run(List.of("man", "-w", "scrim"), 60);
        assertEquals("/usr/share/man/man1/scrim.1.gz", man.output().strip(), man.output());
        for (String conf : List.of("/etc/modprobe.d/scrim.conf", "/etc/modules-load.d/scrim.conf")) {
            assertTrue(Files.isRegularFile(Path.of(conf)), "no " + conf);
        }
        assertTrue(Files.readString(Path.of("/etc/modprobe.d/scrim.conf")).contains("exclusive_caps=1 card_label=Scrim"));
    }

    /** Runs a command as the user, in a clean login-like environment (no Java on the PATH but the package's). */
    private static Result runAs(String user, Path home, int seconds, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", user, "--", "env", "-i", "HOME=" + home,
                "USER=" + user, "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"));
        c.addAll(List.of(command));
        Result r = run(c, seconds);
        System.out.println("[DebPackageTest] as " + user + ": " + String.join(" ", command) + " -> " + r.status());
        return r;
    }

    /** A command with this JVM's environment and some variables set ("NAME=value"). */
    private static Result run(List<String> command, int seconds, String... set) throws Exception {
        return Commands.run(temp, command, Commands.inherited(set), seconds);
    }
}
