package scrim.test.uidriver;

import static scrim.test.uidriver.DriverRun.print;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.FrameTap;
import scrim.api.Pipeline;

/**
 * The tray, driven like {@link UiDriver} drives the window (test bundle, never in the product).
 * Runs when {@code SCRIM_UI_DRIVE} is {@code tray} (Scrim started with {@code --background} on a
 * desktop with a tray) or {@code notray} (the same start where there is none). Prints
 * {@code ui-driver: PASS|FAIL step details}, then {@code ui-driver: DONE}, then quits Scrim.
 *
 * <p>tray: the window starts hidden with no preview tap, the icon is there; its menu (screenshot
 * tray-menu.png) switches the presets None, Blur and a remembered picture ({@code SCRIM_UI_PICTURE});
 * Open window shows the window and its tap; the Devices view's on-demand and start-at-login boxes
 * (screenshot tray-devices.png) change the setting and the autostart file; closing the window
 * hides it and removes the tap ({@code PASS close}); then it waits for the window to come back (a
 * second {@code scrim} started by the test) and quits through the tray's menu.
 * <p>notray: the window is shown anyway and no tray icon exists; closing it ends Scrim.
 */
@Component(immediate = true)
public final class TrayDriver {

    static final String MODE_WINDOW = "window";
    private static final long FOLLOW_MILLIS = 10_000;
    /** How long the test may take to start the second scrim that brings the window back. */
    private static final long REOPEN_MILLIS = 90_000;

    @Reference
    private Pipeline pipeline;
    @Reference
    private ConfigurationAdmin configAdmin;
    private BundleContext context;
    private DriverRun run;
    private Ui ui;
    private TrayItem item;

    /** Which driver runs: {@code window} (default), {@code tray} or {@code notray}. */
    static String mode() {
        return Objects.requireNonNullElse(System.getenv("SCRIM_UI_DRIVE"), MODE_WINDOW);
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        DriverRun.Steps drive = switch (mode()) {
            case "tray" -> this::driveTray;
            case "notray" -> this::driveNoTray;
            default -> null; // the window driver's run, or none
        };
        if (drive != null) {
            run = DriverRun.start("scrim-tray-driver", drive, () -> ui);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        DriverRun.stop(run);
    }

    private boolean driveTray(DriverRun run) throws Exception {
        ui = Ui.attach(120_000, false);
        if (ui == null) {
            throw new Ui.Failure("no control window (visible or not) within 120 s");
        }
        run.step("background", this::background);
        run.step("traymenu", this::trayMenu);
        run.step("presets", this::presets);
        run.step("open", this::open);
        run.step("startchoices", this::startChoices);
        run.step("close", this::close);
        run.step("reopen", this::reopen);
        print("DONE");
        select("tray.quit"); // ends Scrim with status 0
        return true;
    }

    private boolean driveNoTray(DriverRun run) throws Exception {
        run.step("notray", () -> {
            ui = Ui.attach(120_000);
            if (ui == null) {
                throw new Ui.Failure("no visible control window within 120 s: without a tray --background must show it");
            }
            int icons = ui.get(() -> ui.display.getSystemTray() == null ? 0 : ui.display.getSystemTray().getItemCount());
            if (icons != 0) {
                throw new Ui.Failure(icons + " tray icon(s) where the desktop shows none: closing the window would hide Scrim");
            }
            return "the window is shown, no tray icon";
        });
        print("DONE");
        ui.run(() -> ui.shell.close()); // as its close button does: Scrim ends
        return true;
    }

    // ------------------------------------------------------------ the steps

    /** a. Started in the background: the window is hidden, the preview does not watch, the icon is there. */
    private String background() throws Exception {
        if (ui.get(ui.shell::isVisible)) {
            throw new Ui.Failure("the window is visible after scrim --background");
        }
        Ui.await("the tray icon tagged 'tray'", FOLLOW_MILLIS, () -> ui.get(this::trayItem) != null, () -> "tray items " + trayItems());
        item = ui.get(this::trayItem);
        Ui.await("the tooltip 'Scrim - ...' with the state", FOLLOW_MILLIS, () -> ui.get(item::getToolTipText).matches("Scrim - (live|idle|\\w+) for .*"),
                () -> "tooltip '" + ui.get(item::getToolTipText) + "'");
        if (taps() != 0) {
            throw new Ui.Failure("a preview tap is registered while the window is hidden: the pipeline would stay live for nobody");
        }
        return "window hidden, no preview tap, consumers " + pipeline.status().consumers() + ", tooltip '" + ui.get(item::getToolTipText) + "'";
    }

    /** b. The icon's menu, opened as a right click does, with a screenshot of the screen. */
    private String trayMenu() throws Exception {
        List<String> items = openMenu();
        for (String id : List.of("tray.camera", "tray.preset.none", "tray.preset.blur", "tray.open", "tray.quit")) {
            if (items.stream().noneMatch(i -> i.startsWith(id + "="))) {
                throw new Ui.Failure("the tray menu has no '" + id + "': " + items);
            }
        }
        Thread.sleep(800); // the menu paints
        Ui.save(ui.screen(), shots().resolve("tray-menu.png"));
        ui.run(() -> menu().setVisible(false));
        return "items " + items + "; tray-menu.png";
    }

    /** c. Presets: a picture chosen elsewhere is remembered; Blur, the picture and None set the chain. */
    private String presets() throws Exception {
        String picture = System.getenv("SCRIM_UI_PICTURE");
        if (picture == null || !Files.isRegularFile(Path.of(picture))) {
            throw new Ui.Failure("SCRIM_UI_PICTURE (a picture for the background preset) is not set or missing: " + picture);
        }
        setProperty("scrim.effect.image", "file", picture); // as the Effects view's form does
        Ui.await("the tray menu offering " + Path.of(picture).getFileName(), FOLLOW_MILLIS,
                () -> openMenuQuietly().contains("tray.preset.picture.0=Picture: " + Path.of(picture).getFileName()), () -> "items " + openMenuQuietly());
        List<String> steps = new ArrayList<>();
        for (String[] p : new String[][] {{"blur", "[blur]"}, {"picture.0", "[image]"}, {"none", "[]"}}) {
            openMenu();
            select("tray.preset." + p[0]);
            Ui.await("engine effects " + p[1] + " after the preset " + p[0], FOLLOW_MILLIS,
                    () -> SavedConfig.effects(configAdmin).toString().equals(p[1]) && pipeline.status().effects().toString().equals(p[1]),
                    () -> "config " + SavedConfig.effects(configAdmin) + ", status " + pipeline.status().effects());
            if (p[0].startsWith("picture") && !picture.equals(SavedConfig.property(configAdmin, "scrim.effect.image", "file"))) {
                throw new Ui.Failure("the picture preset set file " + SavedConfig.property(configAdmin, "scrim.effect.image", "file") + ", not " + picture);
            }
            steps.add(p[0] + " -> " + SavedConfig.effects(configAdmin));
        }
        return String.join(", ", steps);
    }

    /** d. Open window from the menu: shown, and the preview watches. */
    private String open() throws Exception {
        int before = pipeline.status().consumers();
        openMenu();
        select("tray.open");
        Ui.await("the window visible", FOLLOW_MILLIS, () -> ui.get(ui.shell::isVisible), () -> "hidden");
        Ui.await("the preview tap registered", FOLLOW_MILLIS, () -> taps() == 1, () -> taps() + " taps");
        return "window visible, 1 preview tap, consumers " + before + " -> " + pipeline.status().consumers();
    }

    /** e. The Devices view's boxes: on demand sets the engine's setting; start at login writes and removes the entry. */
    private String startChoices() throws Exception {
        ui.run(() -> ui.selectTab("tab.devices"));
        Path entry = Path.of(System.getenv("XDG_CONFIG_HOME"), "autostart", "scrim.desktop");
        Path launcher = Path.of(System.getProperty("scrim.home")).toAbsolutePath().normalize().resolve("scrim");
        toggle("devices.ondemand", false);
        Ui.await("ondemand == false", FOLLOW_MILLIS, () -> Boolean.FALSE.equals(SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_ONDEMAND)),
                () -> "ondemand " + SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_ONDEMAND));
        toggle("devices.ondemand", true);
        Ui.await("ondemand == true", FOLLOW_MILLIS, () -> Boolean.TRUE.equals(SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_ONDEMAND)),
                () -> "ondemand " + SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_ONDEMAND));
        toggle("devices.autostart", true);
        if (!Files.isRegularFile(entry)) {
            throw new Ui.Failure("ticking 'Start Scrim at login' wrote no " + entry);
        }
        String content = Files.readString(entry);
        if (!content.contains("\nExec=" + launcher + " --background\n")) {
            throw new Ui.Failure(entry + " does not run " + launcher + " --background:\n" + content);
        }
        Thread.sleep(600);
        Ui.Shot[] shot = {null};
        Ui.await("a screenshot with the preview showing frames", FOLLOW_MILLIS, () -> (shot[0] = ui.shoot()).real(), () -> shot[0].describe());
        shot[0].save(shots().resolve("tray-devices.png"));
        toggle("devices.autostart", false);
        if (Files.exists(entry)) {
            throw new Ui.Failure("unticking 'Start Scrim at login' left " + entry);
        }
        return "ondemand off and on; " + entry + " written (" + content.lines().filter(l -> l.startsWith("Exec=")).findFirst().orElse("")
                + ") and removed; tray-devices.png " + shot[0].describe();
    }

    /** f. Closing the window hides it: Scrim runs on, the preview stops watching. */
    private String close() throws Exception {
        int before = pipeline.status().consumers();
        ui.run(() -> ui.shell.close()); // as the close button does
        Ui.await("the window hidden, not disposed", FOLLOW_MILLIS, () -> ui.get(() -> !ui.shell.isDisposed() && !ui.shell.isVisible()),
                () -> ui.get(() -> ui.shell.isDisposed() ? "disposed" : "visible"));
        Ui.await("no preview tap", FOLLOW_MILLIS, () -> taps() == 0, () -> taps() + " taps");
        String consumers;
        if (before > 0) {
            Ui.await("the pipeline's consumers dropping from " + before, FOLLOW_MILLIS, () -> pipeline.status().consumers() == before - 1,
                    () -> "consumers " + pipeline.status().consumers());
            consumers = "consumers " + before + " -> " + pipeline.status().consumers();
        } else {
            consumers = "consumers not counted by this engine (0)";
        }
        Ui.await("the notice remembered as shown", FOLLOW_MILLIS, () -> Boolean.TRUE.equals(SavedConfig.property(configAdmin, "scrim.ui", "trayNoticeShown")),
                () -> "trayNoticeShown " + SavedConfig.property(configAdmin, "scrim.ui", "trayNoticeShown"));
        return "window hidden, no preview tap, " + consumers + ", notice shown once";
    }

    /** g. A second scrim (started by the test on seeing PASS close) brings the window back. */
    private String reopen() throws Exception {
        long start = System.currentTimeMillis();
        Ui.await("the window shown again by a second scrim", REOPEN_MILLIS, () -> ui.get(ui.shell::isVisible), () -> "still hidden");
        Ui.await("the preview tap registered again", FOLLOW_MILLIS, () -> taps() == 1, () -> taps() + " taps");
        return "window visible again after " + (System.currentTimeMillis() - start) + " ms";
    }

    // ------------------------------------------------------------ helpers

    private TrayItem trayItem() {
        Tray tray = ui.display.getSystemTray();
        if (tray != null) {
            for (TrayItem i : tray.getItems()) {
                if ("tray".equals(i.getData(Ui.KEY))) {
                    return i;
                }
            }
        }
        return null;
    }

    private String trayItems() {
        return ui.get(() -> {
            Tray tray = ui.display.getSystemTray();
            return tray == null ? "(no tray)" : String.valueOf(tray.getItemCount());
        });
    }

    private Menu menu() {
        return (Menu) item.getData("scrim.menu");
    }

    /** Opens the icon's menu as a right click does; returns its items as id=text. */
    private List<String> openMenu() {
        return ui.get(() -> {
            Event e = new Event();
            e.widget = item;
            item.notifyListeners(SWT.MenuDetect, e);
            List<String> items = new ArrayList<>();
            for (MenuItem i : menu().getItems()) {
                if (i.getData(Ui.KEY) != null) {
                    items.add(i.getData(Ui.KEY) + "=" + i.getText());
                }
            }
            return items;
        });
    }

    private List<String> openMenuQuietly() {
        List<String> items = openMenu();
        ui.run(() -> menu().setVisible(false));
        return items;
    }

    /** Chooses a menu item as a click does: a radio or check item changes, then its listeners run. */
    private void select(String id) {
        ui.run(() -> {
            for (MenuItem i : menu().getItems()) {
                if (id.equals(i.getData(Ui.KEY))) {
                    if (!i.isEnabled()) {
                        throw new Ui.Failure("the tray menu item '" + id + "' is disabled");
                    }
                    if ((i.getStyle() & (SWT.RADIO | SWT.CHECK)) != 0) {
                        i.setSelection((i.getStyle() & SWT.RADIO) != 0 || !i.getSelection());
                    }
                    menu().setVisible(false);
                    Event e = new Event();
                    e.widget = i;
                    i.notifyListeners(SWT.Selection, e);
                    return;
                }
            }
            throw new Ui.Failure("the tray menu has no item '" + id + "'");
        });
    }

    /** Sets a check box as a click does. */
    private void toggle(String id, boolean on) {
        ui.run(() -> {
            Button b = ui.find(id, Button.class);
            b.setSelection(on);
            ui.click(b);
        });
    }

    private int taps() {
        try {
            var refs = context.getServiceReferences(FrameTap.class, null);
            return refs.size();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void setProperty(String pid, String key, Object value) throws IOException {
        Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> d = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        d.put(key, value);
        c.update(d);
    }

    private static Path shots() {
        return Path.of(Objects.requireNonNullElse(System.getenv("SCRIM_UI_SHOTS"), "ui-shots")).toAbsolutePath();
    }
}
