package scrim.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * "Start Scrim at login": an XDG autostart entry ({@code $XDG_CONFIG_HOME/autostart/scrim.desktop},
 * freedesktop autostart and desktop entry specifications) that runs {@code scrim --background},
 * so Scrim waits in the tray from login on. The entry exists or it does not: that is the setting.
 */
final class Autostart {

    static final String FILE_NAME = "scrim.desktop";
    /** Characters the desktop entry spec reserves in Exec arguments: such an argument is quoted. */
    private static final String RESERVED = " \t\n\"'\\><~|&;$*?#()`";

    private final Path entry;
    private final Path launcher;

    /**
     * @param entry    the .desktop file
     * @param launcher the absolute path of the {@code scrim} script the entry runs
     */
    Autostart(Path entry, Path launcher) {
        this.entry = entry;
        this.launcher = launcher;
    }

    /**
     * The entry where the desktop looks for it: {@code $XDG_CONFIG_HOME/autostart}, or
     * {@code ~/.config/autostart} when that is unset or not absolute (as the spec says).
     *
     * @param scrimHome the distribution's folder (system property {@code scrim.home}), holding the launcher script
     */
    static Autostart forUser(Map<String, String> env, String home, Path scrimHome) {
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path config = !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".config");
        return new Autostart(config.resolve("autostart").resolve(FILE_NAME), scrimHome.toAbsolutePath().normalize().resolve("scrim"));
    }

    Path entry() {
        return entry;
    }

    boolean enabled() {
        return Files.isRegularFile(entry);
    }

    /** Writes the entry whole (a temporary file renamed over it): a crash never leaves half an entry. */
    void enable() throws IOException {
        Files.createDirectories(entry.getParent());
        Path tmp = entry.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, content(), StandardCharsets.UTF_8);
        Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void disable() throws IOException {
        Files.deleteIfExists(entry);
    }

    String content() {
        return String.join("\n",
                "[Desktop Entry]",
                "Type=Application",
                "Name=Scrim",
                "Comment=Virtual webcam with background blur and replacement, waiting in the tray",
                "Exec=" + exec(launcher.toString()) + " --background",
                "Icon=camera-web",
                "Terminal=false",
                "Categories=AudioVideo;Video;",
                "X-GNOME-Autostart-enabled=true",
                "");
    }

    /**
     * One Exec argument: quoted when it holds a reserved character (inside quotes {@code " ` $ \}
     * take a backslash), {@code %} doubled (field codes), then escaped as a desktop entry string
     * value (a backslash doubled again).
     */
    static String exec(String argument) {
        String a = argument;
        if (a.chars().anyMatch(c -> RESERVED.indexOf(c) >= 0)) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : a.toCharArray()) {
                if (c == '"' || c == '`' || c == '$' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            a = b.append('"').toString();
        }
        return a.replace("%", "%%").replace("\\", "\\\\");
    }
}
