package scrim.test.uidriver;

import static scrim.test.uidriver.DriverRun.print;
import static scrim.test.uidriver.Ui.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.Pipeline;
import scrim.api.PipelineState;

/**
 * Checks the window's polish (test bundle, never in the product), when {@code SCRIM_UI_DRIVE} is
 * {@code polish}: the virtual camera switch's texts fit it; every control that takes the focus
 * has an accessible name; the preview fills its canvas's width or height with the picture's
 * shape; at 1024x640 every view's controls are inside the window; keyboard shortcuts sent as real
 * key events (Ctrl+2, Ctrl+B twice, a plain key in a text field, Ctrl+1, Ctrl+4); then the window
 * is moved and sized and Ctrl+Q ends Scrim. With {@code polishagain} (the next start, same config)
 * it checks the window came back at that place and size with the Models view, and closes it.
 * Screenshots: window.png (default size) and window-small.png (1024x640).
 */
@Component(immediate = true)
public final class PolishDriver {

    /** Where run one puts the window; run two expects it there. */
    static final Rectangle PLACED = new Rectangle(130, 90, 1100, 700);
    private static final long FOLLOW_MILLIS = 20_000;
    private static final String WINDOW_PID = "scrim.ui";

    @Reference
    private Pipeline pipeline;
    @Reference
    private ConfigurationAdmin configAdmin;
    private DriverRun run;
    private Ui ui;
    private Path shots;

    @Activate
    void activate() {
        String mode = TrayDriver.mode();
        if (!mode.equals("polish") && !mode.equals("polishagain")) {
            return;
        }
        boolean again = mode.equals("polishagain");
        run = DriverRun.start("scrim-polish-driver", r -> drive(r, again), () -> ui);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        DriverRun.stop(run);
    }

    private boolean drive(DriverRun run, boolean again) throws Exception {
        shots = Path.of(Objects.requireNonNullElse(System.getenv("SCRIM_UI_SHOTS"), "ui-shots")).toAbsolutePath();
        ui = Ui.attach(120_000);
        if (ui == null) {
            throw new Ui.Failure("no visible control window within 120 s");
        }
        // the pointer off the window: Xvfb puts it mid-screen, where the preview's tooltip would cover the shots
        ui.run(() -> ui.display.setCursorLocation(0, ui.display.getBounds().height - 1));
        Ui.await("the five views", FOLLOW_MILLIS, () -> ui.get(() -> ui.find("views", TabFolder.class).getItemCount()) == 5, () -> "fewer");
        run.step("window", () -> "bounds " + ui.get(ui.shell::getBounds));
        if (again) {
            run.step("remembered", this::remembered);
            return false;
        }
        run.step("toggle", () -> {
            Ui.await("a thumbnail on every tile (for the screenshot)", 60_000, () -> thumbnailsMissing() == 0, () -> thumbnailsMissing() + " missing");
            return toggleFits() + "; " + previewFills("window.png");
        });
        run.step("names", this::names);
        run.step("small", this::small);
        run.step("shortcuts", this::shortcuts);
        run.step("placed", this::placed);
        print("PASS quit pressing Ctrl+Q");
        print("DONE");
        keys(SWT.CTRL, 'q');
        return true;
    }

    // ------------------------------------------------------------ the steps

    /** Both texts of the virtual camera switch, with its light, fit its width; it is inside the window. */
    private String toggleFits() {
        return ui.get(() -> {
            Button b = ui.find("camera.toggle", Button.class);
            int image = b.getImage() == null ? 0 : b.getImage().getBounds().width;
            GC gc = new GC(b);
            int widest;
            try {
                gc.setFont(b.getFont());
                widest = Math.max(gc.textExtent("Virtual camera on").x, gc.textExtent("Virtual camera off").x);
            } finally {
                gc.dispose();
            }
            int width = b.getSize().x;
            if (widest + image > width) {
                throw new Ui.Failure("the switch is " + width + " px wide, but its text needs " + widest + " px and its light " + image + " px");
            }
            String outside = outside(List.of(b));
            if (!outside.isEmpty()) {
                throw new Ui.Failure("the switch is not inside the window: " + outside);
            }
            return String.format(Locale.ROOT, "window %s: switch '%s' %d px wide, text %d px + light %d px", ui.shell.getSize(), b.getText(), width, widest, image);
        });
    }

    /** The preview's picture (the 640x360 test scene) fills the canvas's width or height, centred, with its shape. */
    private String previewFills(String shot) throws Exception {
        await("frames flowing", FOLLOW_MILLIS, () -> pipeline.status().state() == PipelineState.RUNNING && pipeline.status().fps() > 0,
                () -> "state " + pipeline.status().state());
        Ui.Shot[] last = {null};
        String[] seen = {""};
        await("the preview's picture filling its width or height with the 16:9 shape", FOLLOW_MILLIS, () -> {
            last[0] = ui.shoot();
            seen[0] = WindowLooks.fill(last[0]);
            return last[0].real() && seen[0].startsWith("fills");
        }, () -> seen[0]);
        last[0].save(shots.resolve(shot));
        return seen[0] + "; " + shot + " " + last[0].describe();
    }

    /** Every control that can take the focus has an accessible name: its own text, or one given for screen readers. */
    private String names() {
        return ui.get(() -> {
            List<String> unnamed = new ArrayList<>();
            int[] count = {0};
            WindowLooks.walk(ui.shell, c -> {
                if (WindowLooks.focusable(c)) {
                    count[0]++;
                    if (WindowLooks.name(c).isBlank()) {
                        unnamed.add(c.getClass().getSimpleName() + " '" + c.getData(Ui.KEY) + "'");
                    }
                }
            });
            if (!unnamed.isEmpty()) {
                throw new Ui.Failure("no accessible name on " + unnamed);
            }
            return count[0] + " focusable controls, all named (e.g. preview '" + WindowLooks.name(ui.find("preview", Canvas.class)) + "', camera '"
                    + WindowLooks.name(ui.find("devices.camera", Combo.class)) + "')";
        });
    }

    /** At 1024x640, in every view, every shown control is inside the window, and the switch's text fits. */
    private String small() throws Exception {
        List<String> seen = new ArrayList<>();
        ui.run(() -> {
            ui.shell.setSize(1024, 640);
            ui.shell.layout(true, true);
        });
        await("the window at 1024x640", FOLLOW_MILLIS, () -> ui.get(() -> ui.shell.getSize()).equals(new Point(1024, 640)), () -> "" + ui.get(() -> ui.shell.getSize()));
        for (String tab : List.of("tab.gallery", "tab.devices", "tab.effects", "tab.models", "tab.plugins")) {
            seen.add(ui.get(() -> {
                ui.selectTab(tab);
                List<Control> shown = new ArrayList<>();
                WindowLooks.walk(ui.shell, c -> {
                    if (c != ui.shell && c.isVisible() && !WindowLooks.inScroller(c)) {
                        shown.add(c);
                    }
                });
                String outside = outside(shown);
                if (!outside.isEmpty()) {
                    throw new Ui.Failure("at 1024x640 in " + tab + " these are not inside the window: " + outside);
                }
                return tab + " " + shown.size();
            }));
        }
        Ui.Shot before = ui.shoot();
        ui.run(() -> ui.selectTab("tab.devices")); // for the shot: the view whose rows had to wrap to fit
        await("the Devices view drawn on the screen", FOLLOW_MILLIS, () -> WindowLooks.paneChanged(before, ui.shoot()), () -> "the views' pane unchanged");
        return "controls inside the window per view: " + seen + "; " + toggleFits() + "; " + previewFills("window-small.png");
    }

    /** Shortcuts sent as real key presses through the display. */
    private String shortcuts() throws Exception {
        List<String> seen = new ArrayList<>();
        ui.run(() -> {
            ui.shell.setSize(1200, 720);
            ui.selectTab("tab.gallery");
            ui.click(ui.find("gallery.tile.pixelate", Canvas.class));
            Rectangle at = ui.shell.getDisplay().map(ui.shell, null, ui.shell.getClientArea());
            ui.shell.getDisplay().setCursorLocation(at.x + at.width / 2, at.y + at.height - 8); // over the status line: the keys go here
            ui.shell.forceActive();
        });
        await("the pixelate chain", FOLLOW_MILLIS, () -> SavedConfig.effects(configAdmin).equals(List.of("pixelate")), () -> "" + SavedConfig.effects(configAdmin));
        await("the window active", FOLLOW_MILLIS, () -> ui.get(() -> ui.shell.getDisplay().getActiveShell() == ui.shell), () -> "another shell is active");

        keys(SWT.CTRL, '2');
        await("Ctrl+2 showing the Devices view", FOLLOW_MILLIS, () -> "tab.devices".equals(selectedTab()), () -> "view " + selectedTab());
        seen.add("Ctrl+2 -> " + selectedTab());
        keys(SWT.CTRL, 'b');
        await("Ctrl+B turning blur on", FOLLOW_MILLIS, () -> SavedConfig.effects(configAdmin).equals(List.of("blur")) && pipeline.status().effects().equals(List.of("blur")),
                () -> "config " + SavedConfig.effects(configAdmin) + ", running " + pipeline.status().effects());
        seen.add("Ctrl+B -> " + pipeline.status().effects());
        keys(SWT.CTRL, 'b');
        await("Ctrl+B again going back to pixelate", FOLLOW_MILLIS,
                () -> SavedConfig.effects(configAdmin).equals(List.of("pixelate")) && pipeline.status().effects().equals(List.of("pixelate")),
                () -> "config " + SavedConfig.effects(configAdmin) + ", running " + pipeline.status().effects());
        seen.add("Ctrl+B -> " + pipeline.status().effects());

        ui.run(() -> {
            ui.selectTab("tab.plugins");
            ui.find("plugins.path", Text.class).setText("");
            ui.find("plugins.path", Text.class).setFocus();
        });
        keys(0, 'x');
        await("a plain key typed into the plugin path field", FOLLOW_MILLIS, () -> ui.get(() -> ui.find("plugins.path", Text.class).getText()).equals("x"),
                () -> "text '" + ui.get(() -> ui.find("plugins.path", Text.class).getText()) + "'");
        seen.add("'x' in plugins.path -> '" + ui.get(() -> ui.find("plugins.path", Text.class).getText()) + "'");
        keys(SWT.CTRL, '1');
        await("Ctrl+1 from the text field showing the Background view", FOLLOW_MILLIS, () -> "tab.gallery".equals(selectedTab()), () -> "view " + selectedTab());
        seen.add("Ctrl+1 in the field -> " + selectedTab());
        String tips = ui.get(() -> ui.find("tab.models", org.eclipse.swt.widgets.TabItem.class).getToolTipText() + " / "
                + ui.find("status", org.eclipse.swt.widgets.Label.class).getToolTipText());
        if (!tips.contains("Ctrl+4") || !tips.contains("Ctrl+Q")) {
            throw new Ui.Failure("the tooltips do not show the shortcuts: " + tips);
        }
        return String.join("; ", seen) + "; tooltips '" + tips + "'";
    }

    /** Moves and sizes the window, shows the Models view with Ctrl+4, and waits for the window's saved setup to say so. */
    private String placed() throws Exception {
        ui.run(() -> ui.shell.setBounds(PLACED));
        keys(SWT.CTRL, '4');
        await("Ctrl+4 showing the Models view", FOLLOW_MILLIS, () -> "tab.models".equals(selectedTab()), () -> "view " + selectedTab());
        Rectangle now = ui.get(ui.shell::getBounds);
        await("the place and view saved in " + WINDOW_PID, FOLLOW_MILLIS, () -> saved().equals(List.of(now.x, now.y, now.width, now.height, "tab.models")),
                () -> "saved " + saved());
        return "bounds " + now + ", saved " + saved();
    }

    private List<Object> saved() {
        List<Object> values = new ArrayList<>();
        for (String key : List.of("window.x", "window.y", "window.width", "window.height")) {
            Object v = SavedConfig.property(configAdmin, WINDOW_PID, key);
            values.add(v == null ? null : (int) SavedConfig.number(v));
        }
        values.add(SavedConfig.property(configAdmin, WINDOW_PID, "window.view"));
        return values;
    }

    /** Run two: the window opened where run one left it, with the Models view. */
    private String remembered() throws Exception {
        await("the Models view selected again", FOLLOW_MILLIS, () -> "tab.models".equals(selectedTab()), () -> "view " + selectedTab());
        Rectangle now = ui.get(ui.shell::getBounds);
        if (Math.abs(now.x - PLACED.x) > 2 || Math.abs(now.y - PLACED.y) > 2 || now.width != PLACED.width || now.height != PLACED.height) {
            throw new Ui.Failure("the window opened at " + now + ", not where it was closed: " + PLACED);
        }
        return "bounds " + now + ", view " + selectedTab();
    }

    // ------------------------------------------------------------ helpers

    /** Presses and releases a key with a modifier (0 for none) as real input through the X server. */
    private void keys(int modifier, char key) throws InterruptedException {
        ui.run(() -> {
            if (modifier != 0) {
                post(SWT.KeyDown, modifier, '\0');
            }
            post(SWT.KeyDown, 0, key);
            post(SWT.KeyUp, 0, key);
            if (modifier != 0) {
                post(SWT.KeyUp, modifier, '\0');
            }
        });
    }

    private void post(int type, int keyCode, char character) {
        Event e = new Event();
        e.type = type;
        e.keyCode = keyCode;
        e.character = character;
        if (!ui.display.post(e)) {
            throw new Ui.Failure("the display refused a posted key event (no XTest?)");
        }
    }

    private int thumbnailsMissing() {
        return ui.get(() -> {
            int[] missing = {0};
            WindowLooks.walk(ui.shell, c -> {
                if (c.getData(Ui.KEY) instanceof String id && id.startsWith("gallery.tile.") && !Boolean.TRUE.equals(c.getData("scrim.thumbnail"))) {
                    missing[0]++;
                }
            });
            return missing[0];
        });
    }

    private String selectedTab() {
        return ui.get(() -> {
            TabFolder tabs = ui.find("views", TabFolder.class);
            int i = tabs.getSelectionIndex();
            return i < 0 ? "none" : String.valueOf(tabs.getItem(i).getData(Ui.KEY));
        });
    }

    /** Those of {@code controls} not wholly inside the window's client area, with where they are. */
    private String outside(List<Control> controls) {
        Rectangle window = ui.display.map(ui.shell, null, ui.shell.getClientArea());
        List<String> out = new ArrayList<>();
        for (Control c : controls) {
            Rectangle at = ui.display.map(c.getParent(), null, c.getBounds());
            if (at.width > 0 && at.height > 0 && !(window.contains(at.x, at.y) && window.contains(at.x + at.width - 1, at.y + at.height - 1))) {
                out.add(c.getClass().getSimpleName() + " '" + c.getData(Ui.KEY) + "' at " + at);
            }
        }
        return out.isEmpty() ? "" : "window " + window + ": " + out;
    }
}
