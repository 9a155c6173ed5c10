package scrim.test.uidriver;

import static scrim.test.uidriver.Ui.await;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.TabFolder;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.Pipeline;
import scrim.api.PipelineState;

/**
 * Drives the Background gallery (test bundle, never in the product), when {@code SCRIM_UI_DRIVE}
 * is {@code gallery}: checks the view is first and shown, with the built-in tiles and the
 * shipped backgrounds; waits for every thumbnail and takes {@code gallery.png}; clicks tiles and
 * checks the pipeline's chain follows and the clicked tile is marked; drops a backgrounds bundle
 * ({@code SCRIM_UI_BACKGROUNDS_BUNDLE}) into the load folder and takes it out again; drops a
 * picture ({@code SCRIM_UI_DROP_OTHER}) and then another ({@code SCRIM_UI_DROP}) onto the window in
 * one drop, which copies them into the backgrounds folder, adds their tiles and applies the last;
 * removes the first through its tile's menu; checks the window at 1024x640; then closes it. With {@code SCRIM_UI_DRIVE} {@code
 * galleryshot} it only takes the screenshot ({@code SCRIM_UI_SHOT_NAME}) and closes.
 */
@Component(immediate = true)
public final class GalleryDriver {

    private static final long FOLLOW_MILLIS = 20_000;
    /** Thumbnails come at a few a second once frames flow; a loaded machine gets plenty more. */
    private static final long THUMBNAILS_MILLIS = 60_000;
    private static final List<String> BUILT_IN = List.of("none", "slightblur", "blur", "dim", "pixelate", "colour");
    private static final String SHIPPED = "scrim.backgrounds:";

    @Reference
    private Pipeline pipeline;
    @Reference
    private ConfigurationAdmin configAdmin;
    private DriverRun run;
    private Ui ui;

    @Activate
    void activate() {
        String mode = TrayDriver.mode();
        if (!mode.equals("gallery") && !mode.equals("galleryshot")) {
            return;
        }
        boolean shotOnly = mode.equals("galleryshot");
        run = DriverRun.start("scrim-gallery-driver", r -> drive(r, shotOnly), () -> ui);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        DriverRun.stop(run);
    }

    private boolean drive(DriverRun run, boolean shotOnly) throws Exception {
        ui = Ui.attach(120_000);
        if (ui == null) {
            throw new Ui.Failure("no visible control window within 120 s");
        }
        run.step("window", () -> "bounds " + ui.get(ui.shell::getBounds));
        run.step("gallery", () -> gallery(Objects.requireNonNullElse(System.getenv("SCRIM_UI_SHOT_NAME"), "gallery.png")));
        if (!shotOnly) {
            run.step("tiles", this::clickTiles);
            run.step("bundle", this::bundle);
            run.step("video", this::video);
            run.step("drop", this::drop);
            run.step("small", this::small);
        }
        return false;
    }

    /** The Background view is first and shown, with the built-in and the shipped tiles, each with a thumbnail. */
    private String gallery(String shot) throws Exception {
        String first = ui.get(() -> {
            TabFolder tabs = ui.find("views", TabFolder.class);
            return tabs.getSelectionIndex() + " " + tabs.getItem(0).getData(Ui.KEY) + " " + tabs.getItem(0).getText();
        });
        if (!first.equals("0 tab.gallery Background")) {
            throw new Ui.Failure("the first, selected view is not the Background gallery: selection, id, title = " + first);
        }
        await("the built-in tiles and six shipped backgrounds", FOLLOW_MILLIS,
                () -> tiles().containsAll(BUILT_IN) && tiles().stream().filter(t -> t.startsWith(SHIPPED)).count() >= 6, () -> "tiles " + tiles());
        await("frames flowing", FOLLOW_MILLIS, () -> pipeline.status().state() == PipelineState.RUNNING && pipeline.status().fps() > 0,
                () -> "state " + pipeline.status().state());
        await("a thumbnail on every tile", THUMBNAILS_MILLIS, () -> tilesWithout("scrim.thumbnail").isEmpty(),
                () -> "no thumbnail yet on " + tilesWithout("scrim.thumbnail"));
        Path shots = Path.of(Objects.requireNonNullElse(System.getenv("SCRIM_UI_SHOTS"), "ui-shots")).toAbsolutePath();
        // the pointer off the window: Xvfb puts it mid-screen, where a tile's tooltip would cover the shot
        ui.run(() -> ui.shell.getDisplay().setCursorLocation(0, ui.shell.getDisplay().getBounds().height - 1));
        Ui.Shot[] last = {null};
        await("a screenshot with the preview showing frames", FOLLOW_MILLIS, () -> {
            last[0] = ui.shoot();
            return last[0].real();
        }, () -> last[0] == null ? "no screenshot" : last[0].describe());
        last[0].save(shots.resolve(shot));
        return tiles().size() + " tiles " + tiles() + "; " + shot + " " + last[0].describe();
    }

    /** Clicking tiles sets the chain (and the effect's setting), and marks the clicked tile only. */
    private String clickTiles() throws Exception {
        List<String> seen = new ArrayList<>();
        seen.add(choose("blur", List.of("blur"), () -> SavedConfig.number(SavedConfig.property(configAdmin, "scrim.effect.blur", "strength")) == 0.5));
        seen.add(choose("slightblur", List.of("blur"), () -> SavedConfig.number(SavedConfig.property(configAdmin, "scrim.effect.blur", "strength")) < 0.3));
        seen.add(choose("pixelate", List.of("pixelate"), () -> true));
        seen.add(choose("none", List.of(), () -> true));
        seen.add(choose(SHIPPED + "hills", List.of("image", "lightwrap"),
                () -> String.valueOf(SavedConfig.property(configAdmin, "scrim.effect.image", "file")).endsWith("hills.png")));
        return String.join("; ", seen);
    }

    private String choose(String tile, List<String> chain, BooleanSupplier setting) throws Exception {
        long started = System.nanoTime();
        ui.run(() -> ui.click(ui.find("gallery.tile." + tile, Canvas.class)));
        await("effects " + chain + " running after clicking '" + tile + "'", FOLLOW_MILLIS,
                () -> SavedConfig.effects(configAdmin).equals(chain) && setting.getAsBoolean() && pipeline.status().effects().equals(chain),
                () -> "config " + SavedConfig.effects(configAdmin) + ", running " + pipeline.status().effects() + ", problems " + pipeline.status().problems());
        double millis = (System.nanoTime() - started) / 1e6;
        await("only '" + tile + "' marked", FOLLOW_MILLIS, () -> marked().equals(List.of(tile)), () -> "marked " + marked());
        return String.format(Locale.ROOT, "%s -> %s in %.0f ms", tile, chain, millis);
    }

    /** A bundle with backgrounds, put into the load folder, adds its tiles; taken out, takes them away. */
    private String bundle() throws Exception {
        Path jar = Path.of(System.getenv("SCRIM_UI_BACKGROUNDS_BUNDLE"));
        Path load = Path.of(System.getenv("SCRIM_LOAD_DIR"));
        Path dropped = load.resolve(jar.getFileName());
        Files.copy(jar, dropped);
        long started = System.nanoTime();
        await("tiles of the dropped bundle (scrim.test.backgrounds:*)", 60_000, () -> !bundleTiles().isEmpty(), () -> "tiles " + tiles());
        double in = (System.nanoTime() - started) / 1e9;
        List<String> added = bundleTiles();
        Files.delete(dropped);
        started = System.nanoTime();
        await("the dropped bundle's tiles gone", 60_000, () -> bundleTiles().isEmpty(), () -> "tiles " + tiles());
        return String.format(Locale.ROOT, "added %s in %.1f s, gone %.1f s after the jar was deleted", added, in, (System.nanoTime() - started) / 1e9);
    }

    private List<String> bundleTiles() {
        return tiles().stream().filter(t -> t.startsWith("scrim.test.backgrounds:")).toList();
    }

    /**
     * A picture file dropped onto the window. A real drag-and-drop (XDND) needs a second X client
     * dragging, which cannot be produced under Xvfb here; so this hands the window's real
     * DropTarget the drop event GTK would deliver (the same listener, the same file list), which
     * copies the file into the backgrounds folder, adds its tile and applies it.
     */
    /** A Motion-JPEG video dropped onto the window: copied, its tile shows its first frame, and it is applied as video + light wrap. */
    private String video() throws Exception {
        Path video = Path.of(System.getenv("SCRIM_UI_DROP_VIDEO"));
        Path copy = Path.of(System.getenv("XDG_DATA_HOME"), "scrim", "backgrounds", video.getFileName().toString());
        ui.run(() -> {
            DropTarget target = (DropTarget) ui.shell.getData(DND.DROP_TARGET_KEY);
            target.notifyListeners(DND.Drop, dropEvent(target, video));
        });
        String tile = "own:" + video.getFileName();
        await("the dropped video copied to " + copy, FOLLOW_MILLIS, () -> Files.isRegularFile(copy), () -> "no file");
        await("a tile '" + tile + "' with a thumbnail", THUMBNAILS_MILLIS, () -> tiles().contains(tile) && !tilesWithout("scrim.thumbnail").contains(
                "gallery.tile." + tile), () -> "tiles " + tiles() + ", without thumbnails " + tilesWithout("scrim.thumbnail"));
        await("the dropped video applied", FOLLOW_MILLIS, () -> SavedConfig.effects(configAdmin).equals(List.of("video", "lightwrap"))
                && copy.toString().equals(SavedConfig.property(configAdmin, "scrim.effect.video", "file")) && pipeline.status().effects().equals(List.of("video", "lightwrap")),
                () -> "config " + SavedConfig.effects(configAdmin) + " file " + SavedConfig.property(configAdmin, "scrim.effect.video", "file")
                        + ", running " + pipeline.status().effects() + ", problems " + pipeline.status().problems());
        await("'" + tile + "' marked", FOLLOW_MILLIS, () -> marked().equals(List.of(tile)), () -> "marked " + marked());
        long frames = pipeline.status().written();
        await("frames written with the video behind the person", FOLLOW_MILLIS, () -> pipeline.status().written() > frames + 30
                && pipeline.status().problems().isEmpty(), () -> pipeline.status().written() + " frames, problems " + pipeline.status().problems());
        return "copied to " + copy + ", tile " + tile + " with its first frame as thumbnail, marked, effects " + pipeline.status().effects();
    }

    private String drop() throws Exception {
        Path other = Path.of(System.getenv("SCRIM_UI_DROP_OTHER"));
        Path picture = Path.of(System.getenv("SCRIM_UI_DROP"));
        Path copy = Path.of(System.getenv("XDG_DATA_HOME"), "scrim", "backgrounds", picture.getFileName().toString());
        ui.run(() -> {
            DropTarget target = (DropTarget) ui.shell.getData(DND.DROP_TARGET_KEY);
            if (target == null) {
                throw new Ui.Failure("the window takes no drops (no DropTarget on its shell)");
            }
            target.notifyListeners(DND.Drop, dropEvent(target, other, picture));
        });
        String tile = "own:" + picture.getFileName();
        await("the dropped picture copied to " + copy, FOLLOW_MILLIS, () -> Files.isRegularFile(copy), () -> "no file");
        await("a tile '" + tile + "'", FOLLOW_MILLIS, () -> tiles().contains(tile), () -> "tiles " + tiles());
        await("the dropped picture applied", FOLLOW_MILLIS, () -> SavedConfig.effects(configAdmin).equals(List.of("image", "lightwrap"))
                && copy.toString().equals(SavedConfig.property(configAdmin, "scrim.effect.image", "file")) && pipeline.status().effects().equals(List.of("image", "lightwrap")),
                () -> "config " + SavedConfig.effects(configAdmin) + " file " + SavedConfig.property(configAdmin, "scrim.effect.image", "file"));
        await("'" + tile + "' marked", FOLLOW_MILLIS, () -> marked().equals(List.of(tile)), () -> "marked " + marked());
        long frames = pipeline.status().written();
        await("frames written with the dropped picture", FOLLOW_MILLIS, () -> pipeline.status().written() > frames + 30,
                () -> pipeline.status().written() + " frames");
        return "copied to " + copy + ", tile " + tile + " marked, effects " + pipeline.status().effects() + "; " + remove(other, tile);
    }

    /** The other dropped picture's tile menu: Remove deletes the copy (not the original) and the tile; the marked tile stays. */
    private String remove(Path original, String current) throws Exception {
        String tile = "own:" + original.getFileName();
        Path copy = Path.of(System.getenv("XDG_DATA_HOME"), "scrim", "backgrounds", original.getFileName().toString());
        await("a tile '" + tile + "'", FOLLOW_MILLIS, () -> tiles().contains(tile), () -> "tiles " + tiles());
        List<String> items = ui.get(() -> {
            Menu menu = ui.find("gallery.tile." + tile, Canvas.class).getMenu();
            List<String> texts = new ArrayList<>();
            for (MenuItem i : menu.getItems()) {
                texts.add(i.getText());
                if (i.getText().equals("Remove")) {
                    i.notifyListeners(SWT.Selection, new Event());
                }
            }
            return texts;
        });
        if (!items.contains("Remove")) {
            throw new Ui.Failure("the menu of '" + tile + "' has no Remove: " + items);
        }
        await("'" + tile + "' gone and its copy deleted", FOLLOW_MILLIS, () -> !tiles().contains(tile) && !Files.exists(copy),
                () -> "tiles " + tiles() + ", copy there: " + Files.exists(copy));
        if (!Files.isRegularFile(original) || !marked().equals(List.of(current))) {
            throw new Ui.Failure("after Remove: original there " + Files.isRegularFile(original) + ", marked " + marked());
        }
        boolean shippedRemovable = ui.get(() -> List.of(ui.find("gallery.tile." + SHIPPED + "hills", Canvas.class).getMenu().getItems())
                .stream().anyMatch(i -> i.getText().equals("Remove")));
        if (shippedRemovable) {
            throw new Ui.Failure("a shipped background offers Remove");
        }
        return "menu " + items + ": Remove took '" + tile + "' and its copy away, the original stays; shipped backgrounds offer no Remove";
    }

    /** At 1024x640 the gallery's button and a full row of tiles are inside the window (bounds, not pixels). */
    private String small() throws Exception {
        String seen = ui.get(() -> {
            ui.shell.setSize(1024, 640);
            ui.shell.layout(true, true);
            ui.find("gallery", ScrolledComposite.class).setOrigin(0, 0); // scrolled up, as a person would to see the top
            Rectangle window = ui.shell.getDisplay().map(ui.shell, null, ui.shell.getClientArea());
            List<String> outside = new ArrayList<>();
            List<Control> shown = new ArrayList<>(List.of(ui.find("gallery.add", Control.class), ui.find("gallery.colour", Control.class), ui.find("gallery", Control.class)));
            List<Control> tiles = new ArrayList<>();
            collect(ui.shell, tiles::add);
            int top = tiles.stream().mapToInt(c -> c.getLocation().y).min().orElseThrow(() -> new Ui.Failure("no tiles"));
            tiles.stream().filter(c -> c.getLocation().y == top).forEach(shown::add); // the first row
            for (Control c : shown) {
                Rectangle at = ui.shell.getDisplay().map(c.getParent(), null, c.getBounds());
                if (!window.contains(at.x, at.y) || !window.contains(at.x + at.width - 1, at.y + at.height - 1)) {
                    outside.add(c.getData(Ui.KEY) + " at " + at);
                }
            }
            if (!outside.isEmpty()) {
                throw new Ui.Failure("at 1024x640 these are not inside the window " + window + ": " + outside);
            }
            return "window " + window + ", " + (shown.size() - 3) + " tiles in the first row";
        });
        Path shots = Path.of(Objects.requireNonNullElse(System.getenv("SCRIM_UI_SHOTS"), "ui-shots")).toAbsolutePath();
        Ui.Shot[] last = {null};
        await("a screenshot at 1024x640", FOLLOW_MILLIS, () -> {
            last[0] = ui.shoot();
            return last[0].real() && last[0].data().width <= 1024;
        }, () -> last[0] == null ? "no screenshot" : last[0].describe());
        last[0].save(shots.resolve("gallery-small.png"));
        return seen + "; gallery-small.png " + last[0].describe();
    }

    /** The event SWT's GTK code builds for a drop of files (its type is package-private: made by reflection). */
    private static Event dropEvent(DropTarget target, Path... files) {
        try {
            Class<?> type = DND.class.getClassLoader().loadClass("org.eclipse.swt.dnd.DNDEvent");
            Constructor<?> make = type.getDeclaredConstructor();
            make.setAccessible(true);
            Event e = (Event) make.newInstance();
            e.widget = target;
            e.time = (int) System.currentTimeMillis();
            e.detail = DND.DROP_COPY;
            e.doit = true;
            field(type, "dataType").set(e, FileTransfer.getInstance().getSupportedTypes()[0]);
            field(type, "operations").setInt(e, DND.DROP_COPY);
            field(type, "feedback").setInt(e, DND.FEEDBACK_SELECT);
            e.data = java.util.Arrays.stream(files).map(Path::toString).toArray(String[]::new);
            return e;
        } catch (ReflectiveOperationException e) {
            throw new Ui.Failure("cannot build a drop event for this SWT: " + e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getField(name);
        f.setAccessible(true); // a public field of a package-private class
        return f;
    }

    // ------------------------------------------------------------ reading the window

    /** The tiles' ids (without the "gallery.tile." prefix), in order. */
    private List<String> tiles() {
        return ui.get(() -> {
            List<String> ids = new ArrayList<>();
            collect(ui.shell, c -> ids.add(((String) c.getData(Ui.KEY)).substring("gallery.tile.".length())));
            return ids;
        });
    }

    private List<String> marked() {
        return ui.get(() -> {
            List<String> ids = new ArrayList<>();
            collect(ui.shell, c -> {
                if (Boolean.TRUE.equals(c.getData("scrim.selected"))) {
                    ids.add(((String) c.getData(Ui.KEY)).substring("gallery.tile.".length()));
                }
            });
            return ids;
        });
    }

    private List<String> tilesWithout(String flag) {
        return ui.get(() -> {
            List<String> ids = new ArrayList<>();
            collect(ui.shell, c -> {
                if (!Boolean.TRUE.equals(c.getData(flag))) {
                    ids.add((String) c.getData(Ui.KEY));
                }
            });
            return ids;
        });
    }

    static void collect(Control c, java.util.function.Consumer<Control> tile) {
        if (c.getData(Ui.KEY) instanceof String id && id.startsWith("gallery.tile.")) {
            tile.accept(c);
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                collect(child, tile);
            }
        }
    }
}
