package scrim.test.uidriver;

import static scrim.test.uidriver.Ui.await;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.TabFolder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.CaptureStream;
import scrim.api.FrameSource;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.VideoFormat;

/**
 * Drives the first run (test bundle, never in the product), when {@code SCRIM_UI_DRIVE} is
 * {@code firstrun}: Scrim started bare with no camera and no virtual camera. Checks the test scene
 * runs, chosen automatically, with the preview's caption, and takes {@code first-run.png}; that a
 * camera plugged in then replaces it; that the camera list offers a file and that a file handed to
 * it the way its dialog does ({@code SCRIM_UI_PICTURE}) becomes the input, shown in the list and in
 * the preview, and the test scene can be picked back; that the
 * banner shows with its button and link, whose click shows the Devices view ({@code banner.png});
 * then prints {@code PASS banner} and waits for the test to make a virtual camera appear (it starts
 * a PipeWire daemon), checking that the banner goes and the output is switched on there.
 */
@Component(immediate = true)
public final class FirstRunDriver {

    private static final long FOLLOW_MILLIS = 30_000;
    /** The test starts a PipeWire daemon after the banner step; a loaded machine gets plenty. */
    private static final long APPEAR_MILLIS = 90_000;
    /** Thumbnails come at a few a second once frames flow; a loaded machine gets plenty more. */
    private static final long THUMBNAILS_MILLIS = 60_000;
    private static final String CAPTION = "No camera found: showing a test scene";
    private static final String BANNER = "No virtual camera: apps cannot see Scrim yet";
    private static final String FILE_ENTRY = "A picture or video file...";
    private static final String PLUGGED = "plugged";

    @Reference
    private Pipeline pipeline;
    @Reference
    private ConfigurationAdmin configAdmin;
    private DriverRun run;
    private Ui ui;
    private Path shots;
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        if (!"firstrun".equals(TrayDriver.mode())) {
            return;
        }
        run = DriverRun.start("scrim-firstrun-driver", this::drive, () -> ui);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        DriverRun.stop(run);
    }

    private boolean drive(DriverRun run) throws Exception {
        shots = Path.of(Objects.requireNonNullElse(System.getenv("SCRIM_UI_SHOTS"), "ui-shots")).toAbsolutePath();
        ui = Ui.attach(120_000);
        if (ui == null) {
            throw new Ui.Failure("no visible control window within 120 s");
        }
        run.step("window", () -> "bounds " + ui.get(ui.shell::getBounds));
        // the pointer off the window: Xvfb puts it mid-screen, where a tooltip would cover the shots
        ui.run(() -> ui.display.setCursorLocation(0, ui.display.getBounds().height - 1));
        run.step("testscene", this::testScene);
        run.step("plugged", this::plugged);
        run.step("file", this::file);
        run.step("banner", this::banner);
        run.step("switched", this::switched);
        return false;
    }

    /** The bare start chose the test scene for want of a camera; the preview shows it with the caption. */
    private String testScene() throws Exception {
        await("the test scene running", FOLLOW_MILLIS, () -> "pattern".equals(pipeline.status().source())
                && pipeline.status().state() == PipelineState.RUNNING && pipeline.status().fps() > 0,
                () -> "source " + pipeline.status().source() + ", state " + pipeline.status().state() + ", problems " + pipeline.status().problems());
        Object automatic = SavedConfig.property(configAdmin, Pipeline.PID, "source.automatic");
        if (!Boolean.TRUE.equals(automatic)) {
            throw new Ui.Failure("the test scene is not marked as chosen for want of a camera: source.automatic = " + automatic);
        }
        await("the caption '" + CAPTION + "'", FOLLOW_MILLIS, () -> CAPTION.equals(caption()), () -> "caption " + caption());
        await("a thumbnail on every gallery tile", THUMBNAILS_MILLIS, () -> ui.get(() -> {
            List<Control> tiles = new ArrayList<>();
            GalleryDriver.collect(ui.shell, tiles::add);
            return !tiles.isEmpty() && tiles.stream().allMatch(t -> Boolean.TRUE.equals(t.getData("scrim.thumbnail")));
        }), () -> "tiles still without one");
        awaitLiveStatus();
        Ui.Shot shot = shot("the test scene in the preview", s -> s.real() && !magenta(centre(s)));
        shot.save(shots.resolve("first-run.png"));
        return "source pattern (automatic), caption shown, banner shown " + bannerShown() + "; first-run.png " + shot.describe();
    }

    /**
     * A camera plugged in while the test scene stands in for one: the window takes it at once, as a
     * call app would, and the caption goes. The camera is a FrameSource service, as the device
     * watcher registers for a /dev/videoN that appears; it delivers no frames (only the choice is checked).
     */
    private String plugged() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>(Map.of(FrameSource.ID, PLUGGED, FrameSource.LABEL, "Test camera plugged in (scrim.test.uidriver)",
                FrameSource.KIND, "camera", FrameSource.LIVE, Boolean.TRUE));
        ServiceRegistration<FrameSource> camera = context.registerService(FrameSource.class, new FrameSource() {
            @Override
            public List<VideoFormat> formats() {
                return List.of(VideoFormat.yuyv(640, 360, 30));
            }

            @Override
            public CaptureStream open(VideoFormat requested) throws IOException {
                throw new IOException("the plugged-in test camera delivers no frames");
            }
        }, props);
        long started = System.nanoTime();
        try {
            await("the input switched to the camera plugged in, the caption gone", FOLLOW_MILLIS,
                    () -> PLUGGED.equals(SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_SOURCE)) && caption() == null
                            && Boolean.FALSE.equals(SavedConfig.property(configAdmin, Pipeline.PID, "source.automatic")),
                    () -> "source " + SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_SOURCE) + ", caption " + caption());
        } finally {
            camera.unregister();
        }
        return String.format(Locale.ROOT, "switched to '%s' %.1f s after it appeared; caption gone", PLUGGED, (System.nanoTime() - started) / 1e9);
    }

    /** The camera list offers a file; a file handed to it as its dialog does becomes the input, listed and shown. */
    private String file() throws Exception {
        Path picture = Path.of(System.getenv("SCRIM_UI_PICTURE")).toAbsolutePath().normalize();
        ui.run(() -> ui.selectTab("tab.devices"));
        List<String> items = ui.get(() -> List.of(ui.find("devices.camera", Combo.class).getItems()));
        if (items.isEmpty() || !items.get(items.size() - 1).equals(FILE_ENTRY)) {
            throw new Ui.Failure("the camera list does not end with '" + FILE_ENTRY + "': " + items);
        }
        ui.run(() -> {
            Combo camera = ui.find("devices.camera", Combo.class);
            @SuppressWarnings("unchecked")
            Consumer<String> chosen = (Consumer<String>) camera.getData("scrim.fileChosen");
            if (chosen == null) {
                throw new Ui.Failure("the camera list has no file dialog result handler (data scrim.fileChosen)");
            }
            chosen.accept(picture.toString());
        });
        String id = picture.toString();
        await("the picture running as the input", FOLLOW_MILLIS, () -> id.equals(pipeline.status().source()) && pipeline.status().fps() > 0,
                () -> "source " + pipeline.status().source() + ", problems " + pipeline.status().problems());
        await("the camera list showing the picture", FOLLOW_MILLIS, () -> ui.get(() -> ui.find("devices.camera", Combo.class).getText()).startsWith(id + "  "),
                () -> "shown '" + ui.get(() -> ui.find("devices.camera", Combo.class).getText()) + "'");
        await("the caption gone", FOLLOW_MILLIS, () -> caption() == null, () -> "caption " + caption());
        Ui.Shot shot = shot("the picture in the preview", s -> magenta(centre(s)));
        Object automatic = SavedConfig.property(configAdmin, Pipeline.PID, "source.automatic");
        if (!Boolean.FALSE.equals(automatic)) {
            throw new Ui.Failure("a file chosen by hand must clear source.automatic, it is " + automatic);
        }
        List<String> now = ui.get(() -> List.of(ui.find("devices.camera", Combo.class).getItems()));
        // back to the test scene, picked in the list by hand: it stays, and the caption comes back (still no camera)
        ui.run(() -> {
            Combo camera = ui.find("devices.camera", Combo.class);
            camera.select(List.of(camera.getItems()).indexOf(now.stream().filter(i -> i.startsWith("pattern  ")).findFirst().orElseThrow()));
            ui.click(camera);
        });
        await("the test scene again, chosen by hand, with its caption", FOLLOW_MILLIS, () -> "pattern".equals(pipeline.status().source())
                && CAPTION.equals(caption()) && Boolean.FALSE.equals(SavedConfig.property(configAdmin, Pipeline.PID, "source.automatic")),
                () -> "source " + pipeline.status().source() + ", caption " + caption());
        return "list " + items + " -> " + now + "; preview centre " + centre(shot) + "; " + shot.describe() + "; test scene chosen back from the list";
    }

    /** The banner is there with its button and link; the link shows the Devices view with the doctor's text. */
    private String banner() throws Exception {
        ui.run(() -> ui.selectTab("tab.gallery"));
        if (!bannerShown()) {
            throw new Ui.Failure("no banner with no virtual camera (sinks " + pipeline.sinks() + ")");
        }
        String text = ui.get(() -> ui.find("banner.text", Label.class).getText());
        if (!text.equals(BANNER)) {
            throw new Ui.Failure("the banner says '" + text + "'");
        }
        String load = ui.get(() -> ui.find("banner.load", Button.class).getText() + ", tooltip '" + ui.find("banner.load", Button.class).getToolTipText() + "'");
        ui.run(() -> {
            Link help = ui.find("banner.help", Link.class);
            Event e = new Event();
            e.text = "";
            help.notifyListeners(SWT.Selection, e);
        });
        await("the Devices view shown by 'What to do'", FOLLOW_MILLIS, () -> ui.get(() -> {
            TabFolder views = ui.find("views", TabFolder.class);
            return "tab.devices".equals(views.getItem(views.getSelectionIndex()).getData(Ui.KEY));
        }), () -> "another view");
        await("the doctor's findings in the Devices view", FOLLOW_MILLIS,
                () -> ui.get(() -> ui.find("devices.doctor", org.eclipse.swt.widgets.Text.class).getText()).contains("v4l2loopback"),
                () -> ui.get(() -> ui.find("devices.doctor", org.eclipse.swt.widgets.Text.class).getText()));
        awaitLiveStatus(); // also lets the switched view paint
        Ui.Shot shot = shot("the banner", Ui.Shot::real);
        shot.save(shots.resolve("banner.png"));
        return "'" + text + "', button " + load + "; banner.png " + shot.describe();
    }

    /** A virtual camera appears (the test starts PipeWire): the banner goes and the output is switched on there. */
    private String switched() throws Exception {
        long started = System.nanoTime();
        await("the banner gone once a virtual camera appeared", APPEAR_MILLIS, () -> !bannerShown(), () -> "banner still shown");
        await("the output switched to the PipeWire camera", FOLLOW_MILLIS,
                () -> pipeline.status().sinks().contains("pipewire") && ui.get(() -> ui.find("camera.toggle", Button.class).getSelection()),
                () -> "sinks " + pipeline.status().sinks() + ", toggle " + ui.get(() -> ui.find("camera.toggle", Button.class).getText()));
        return String.format(Locale.ROOT, "banner gone and output %s, toggle '%s', %.1f s after the banner step", pipeline.status().sinks(),
                ui.get(() -> ui.find("camera.toggle", Button.class).getText()), (System.nanoTime() - started) / 1e9);
    }

    // ------------------------------------------------------------ reading the window

    /** The status line saying frames flow (it follows twice a second): shots show real figures. */
    private void awaitLiveStatus() throws InterruptedException {
        Supplier<String> line = () -> ui.get(() -> ui.find("status", Label.class).getText());
        await("the status line with fps > 0", FOLLOW_MILLIS, () -> line.get().matches("(?s).*running\\s+[0-9.]*[1-9][0-9.]* fps.*"), line);
    }

    private String caption() {
        return ui.get(() -> (String) ui.find("preview", Canvas.class).getData("scrim.caption"));
    }

    private boolean bannerShown() {
        return ui.get(() -> ui.find("banner", Composite.class).isVisible());
    }

    private Ui.Shot shot(String what, java.util.function.Predicate<Ui.Shot> good) throws InterruptedException {
        Ui.Shot[] last = {null};
        await("a screenshot showing " + what, FOLLOW_MILLIS, () -> {
            last[0] = ui.shoot();
            return good.test(last[0]);
        }, () -> last[0] == null ? "no screenshot" : last[0].describe() + ", centre " + centre(last[0]));
        return last[0];
    }

    private static RGB centre(Ui.Shot s) {
        int x = s.preview().x + s.preview().width / 2;
        int y = s.preview().y + s.preview().height / 2;
        return s.data().palette.getRGB(s.data().getPixel(x, y));
    }

    private static boolean magenta(RGB p) {
        return p.red > 200 && p.green < 60 && p.blue > 200;
    }
}
