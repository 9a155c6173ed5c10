package scrim.test.uidriver;

import static scrim.test.uidriver.Ui.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import scrim.api.FrameSource;
import scrim.api.Pipeline;
import scrim.api.PipelineState;
import scrim.api.PipelineStatus;
import scrim.api.StageTimes;

/**
 * A test bundle, never part of the product: dropped into the load folder of a Scrim started with
 * a display and no command, it waits for the control window and clicks through it like a person
 * would, checking after every click that the pipeline follows (its status and its saved setup).
 * Prints {@code ui-driver: PASS step details} or {@code ui-driver: FAIL step why} for each step,
 * stops at the first failure, prints {@code ui-driver: DONE} and closes the window, which ends
 * Scrim with status 0.
 *
 * <p>Runs when {@code SCRIM_UI_DRIVE} is unset or {@code window} (else {@link TrayDriver} drives).
 * Environment: {@code SCRIM_UI_SHOTS}, the folder for the screenshots (main, devices,
 * effects, models, plugins .png); {@code SCRIM_UI_PLUGIN}, the test fill effect's jar to install
 * from the Plugins tab.
 */
@Component(immediate = true)
public final class UiDriver {

    /** How long the pipeline gets to follow a click. */
    private static final long FOLLOW_MILLIS = 10_000;
    private static final String BLUR_PID = "scrim.effect.blur";
    /** How long the UI thread may take to answer while a device hangs (the hang lasts far longer). */
    private static final long HUNG_ROUND_TRIP_MILLIS = 1000;

    @Reference
    private Pipeline pipeline;
    @Reference
    private ConfigurationAdmin configAdmin;
    private final HangingCamera hanging = new HangingCamera();
    private ServiceRegistration<FrameSource> hangingCamera;
    private DriverRun run;
    private Ui ui;
    private Path shots;

    @Activate
    void activate(BundleContext context) {
        if (!TrayDriver.MODE_WINDOW.equals(TrayDriver.mode())) {
            return; // the tray driver's run
        }
        hangingCamera = context.registerService(FrameSource.class, hanging, new Hashtable<>(HangingCamera.PROPERTIES));
        run = DriverRun.start("scrim-ui-driver", this::drive, () -> ui);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (hangingCamera != null) {
            hangingCamera.unregister();
            hanging.release();
        }
        DriverRun.stop(run);
    }

    private boolean drive(DriverRun run) throws Exception {
        shots = Path.of(Objects.requireNonNullElse(System.getenv("SCRIM_UI_SHOTS"), "ui-shots")).toAbsolutePath();
        ui = Ui.attach(120_000);
        if (ui == null) {
            throw new Ui.Failure("no visible control window (a thread '" + Ui.UI_THREAD + "' with a shell tagged 'window') within 120 s");
        }
        run.step("window", () -> "found on thread " + Ui.UI_THREAD + ", bounds " + ui.get(ui.shell::getBounds) + ", on screen " + ui.area());
        run.step("preview", this::preview);
        run.step("devices", this::devices);
        run.step("effects", this::effects);
        run.step("models", this::models);
        run.step("plugins", this::plugins);
        run.step("responsiveness", this::responsiveness);
        run.step("hungcamera", this::hungCamera);
        return false;
    }

    // ------------------------------------------------------------ the steps

    /** a. The preview shows frames and the status line says the pipeline runs. */
    private String preview() throws Exception {
        PipelineStatus s = await("the pipeline running with fps > 0", 30_000,
                () -> pipeline.status().state() == PipelineState.RUNNING && pipeline.status().fps() > 0, this::status);
        await("the status line saying running with fps > 0", FOLLOW_MILLIS, () -> SavedConfig.number(statusLine().replaceFirst("(?s)^.*?running\\s+([0-9.]+) fps.*", "$1")) > 0,
                () -> "status line: " + statusLine());
        String line = statusLine().lines().findFirst().orElse("");
        Ui.Shot shot = screenshot("main.png");
        return String.format(Locale.ROOT, "state %s, %.1f fps, source %s, model %s, status line '%s'; main.png %s", s.state(), s.fps(),
                s.source(), s.segmenter(), line, shot.describe());
    }

    /** b. The Devices tab shows the running input and output. */
    private String devices() throws Exception {
        ui.run(() -> ui.selectTab("tab.devices"));
        String source = pipeline.status().source();
        await("the Devices tab showing camera '" + source + "'", FOLLOW_MILLIS,
                () -> ui.get(() -> ui.find("devices.camera", Combo.class).getText()).startsWith(source + "  "),
                () -> "camera combo: '" + ui.get(() -> ui.find("devices.camera", Combo.class).getText()) + "'");
        String camera = ui.get(() -> ui.find("devices.camera", Combo.class).getText());
        String size = ui.get(() -> ui.find("devices.size", Combo.class).getText());
        String output = ui.get(() -> ui.find("devices.output", Combo.class).getText());
        Ui.Shot shot = screenshot("devices.png");
        return "camera '" + camera + "', size " + size + ", output '" + output + "'; devices.png " + shot.describe();
    }

    /** c. Adding blur from the Effects tab, then moving its strength slider. */
    private String effects() throws Exception {
        ui.run(() -> ui.selectTab("tab.effects"));
        ui.run(() -> {
            org.eclipse.swt.widgets.List installed = ui.find("effects.installed", org.eclipse.swt.widgets.List.class);
            selectItem(installed, "blur");
            ui.click(ui.find("effects.add", Button.class));
        });
        await("engine config effects == [blur] and status().effects() contains blur", FOLLOW_MILLIS,
                () -> SavedConfig.effects(configAdmin).equals(List.of("blur")) && pipeline.status().effects().contains("blur"),
                () -> "config effects " + SavedConfig.effects(configAdmin) + ", " + status());
        List<String> chain = ui.get(() -> Ui.items(ui.find("effects.chain", org.eclipse.swt.widgets.List.class)));
        if (!chain.equals(List.of("blur"))) {
            throw new Ui.Failure("the chain list shows " + chain + ", expected [blur]");
        }
        await("the blur settings form (setting.strength)", FOLLOW_MILLIS, () -> ui.get(() -> ui.exists("setting.strength")),
                () -> "settings group: " + ui.get(() -> ui.find("effects.settings", org.eclipse.swt.widgets.Group.class).getText()));
        int[] moved = ui.get(() -> {
            Scale scale = ui.find("setting.strength", Scale.class);
            int from = scale.getSelection();
            int to = from == 80 ? 20 : 80;
            scale.setSelection(to);
            ui.click(scale);
            return new int[] {from, to, scale.getMinimum(), scale.getMaximum()};
        });
        // the form maps the slider's steps onto the setting's range, 0 to 1 for blur's strength
        double expected = (double) (moved[1] - moved[2]) / (moved[3] - moved[2]);
        await("ConfigAdmin " + BLUR_PID + " strength == " + expected, FOLLOW_MILLIS,
                () -> Math.abs(SavedConfig.number(SavedConfig.property(configAdmin, BLUR_PID, "strength")) - expected) < 1e-6,
                () -> BLUR_PID + " strength = " + SavedConfig.property(configAdmin, BLUR_PID, "strength") + ", problem '" + problemText("effects.problem") + "'");
        String problem = problemText("effects.problem");
        if (!problem.isEmpty()) {
            throw new Ui.Failure("the effects view reports a problem: " + problem);
        }
        Ui.Shot shot = screenshot("effects.png");
        return "effects " + pipeline.status().effects() + ", strength slider " + moved[0] + " -> " + moved[1] + " gave strength "
                + SavedConfig.property(configAdmin, BLUR_PID, "strength") + "; effects.png " + shot.describe();
    }

    /** d. Choosing models in the Models tab's table. */
    private String models() throws Exception {
        ui.run(() -> ui.selectTab("tab.models"));
        String before = pipeline.status().segmenter();
        chooseModel("landscape");
        String timed = modelTime("landscape");
        chooseModel("scene");
        List<String> rows = ui.get(() -> {
            List<String> r = new ArrayList<>();
            for (TableItem item : ui.find("models.table", Table.class).getItems()) {
                r.add(item.getText(0) + " " + item.getText(1) + " " + item.getText(2) + " ms");
            }
            return r;
        });
        Ui.Shot shot = screenshot("models.png");
        return "segmenter " + before + " -> landscape (" + timed + ") -> scene; rows " + rows + "; models.png " + shot.describe();
    }

    /**
     * The "ms per frame" the table shows for the running model: it must appear, and be this
     * model's time, not the one that ran before (a quick model's figure on a slow one).
     */
    private String modelTime(String name) throws Exception {
        long switched = pipeline.status().segment().count();
        await(name + " segmenting frames", FOLLOW_MILLIS, () -> pipeline.status().segment().count() > switched + 2, this::status);
        StageTimes from = pipeline.status().segment();
        await("models.table showing " + name + "'s ms per frame", FOLLOW_MILLIS, () -> SavedConfig.number(modelCell(name)) > 0,
                () -> name + " shows '" + modelCell(name) + "'");
        double shown = SavedConfig.number(modelCell(name));
        await("a few more frames of " + name, FOLLOW_MILLIS, () -> pipeline.status().segment().count() > from.count() + 4, this::status);
        double mean = pipeline.status().segment().meanMillisSince(from);
        if (shown < mean / 4) {
            throw new Ui.Failure(String.format(Locale.ROOT, "models.table shows %.2f ms per frame for %s, which takes %.2f ms: "
                    + "the figure is not %s's", shown, name, mean, name));
        }
        return String.format(Locale.ROOT, "shown %.1f ms, measured %.2f ms", shown, mean);
    }

    private String modelCell(String name) {
        return ui.get(() -> {
            for (TableItem item : ui.find("models.table", Table.class).getItems()) {
                if (item.getText(0).equals(name)) {
                    return item.getText(2);
                }
            }
            return "(no row)";
        });
    }

    private void chooseModel(String name) throws Exception {
        ui.run(() -> {
            Table table = ui.find("models.table", Table.class);
            int row = -1;
            for (int i = 0; i < table.getItemCount(); i++) {
                if (table.getItem(i).getText(0).equals(name)) {
                    row = i;
                }
            }
            if (row < 0) {
                throw new Ui.Failure("models.table has no row '" + name + "'");
            }
            table.setSelection(row);
            Event e = new Event();
            e.item = table.getItem(row);
            table.notifyListeners(SWT.Selection, e);
        });
        await("status().segmenter() == " + name, FOLLOW_MILLIS,
                () -> name.equals(pipeline.status().segmenter()) && name.equals(SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_SEGMENTER)),
                () -> "config segmenter " + SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_SEGMENTER) + ", " + status());
    }

    /** e. Installing the test fill effect from the Plugins tab, then chaining it instead of blur. */
    private String plugins() throws Exception {
        String jar = System.getenv("SCRIM_UI_PLUGIN");
        if (jar == null || jar.isBlank()) {
            throw new Ui.Failure("SCRIM_UI_PLUGIN (the test fill effect's jar) is not set");
        }
        ui.run(() -> ui.selectTab("tab.plugins"));
        ui.run(() -> {
            ui.find("plugins.path", Text.class).setText(jar);
            ui.click(ui.find("plugins.install", Button.class));
        });
        String said = problemText("plugins.problem");
        if (said.startsWith("Cannot")) {
            throw new Ui.Failure("install refused: " + said);
        }
        await("pipeline.effects() gaining testfill", 20_000,
                () -> pipeline.effects().stream().anyMatch(p -> p.id().equals("testfill")),
                () -> "effects " + pipeline.effects().stream().map(p -> p.id()).toList() + ", plugins.problem '" + problemText("plugins.problem") + "'");
        await("plugins.table listing scrim.test.fill", FOLLOW_MILLIS, () -> pluginRows().stream().anyMatch(r -> r.startsWith("scrim.test.fill ")),
                () -> "rows " + pluginRows());
        String row = pluginRows().stream().filter(r -> r.startsWith("scrim.test.fill ")).findFirst().orElse("");

        ui.run(() -> ui.selectTab("tab.effects"));
        await("effects.installed listing testfill", FOLLOW_MILLIS,
                () -> ui.get(() -> Ui.items(ui.find("effects.installed", org.eclipse.swt.widgets.List.class))).stream().anyMatch(i -> i.startsWith("testfill  ")),
                () -> "installed " + ui.get(() -> Ui.items(ui.find("effects.installed", org.eclipse.swt.widgets.List.class))));
        ui.run(() -> {
            org.eclipse.swt.widgets.List chain = ui.find("effects.chain", org.eclipse.swt.widgets.List.class);
            selectItem(chain, "blur");
            ui.click(ui.find("effects.remove", Button.class));
        });
        await("engine config effects == []", FOLLOW_MILLIS, () -> SavedConfig.effects(configAdmin).isEmpty(), () -> "config effects " + SavedConfig.effects(configAdmin));
        ui.run(() -> {
            selectItem(ui.find("effects.installed", org.eclipse.swt.widgets.List.class), "testfill");
            ui.click(ui.find("effects.add", Button.class));
        });
        await("status().effects() == [testfill]", FOLLOW_MILLIS,
                () -> SavedConfig.effects(configAdmin).equals(List.of("testfill")) && pipeline.status().effects().equals(List.of("testfill")),
                () -> "config effects " + SavedConfig.effects(configAdmin) + ", " + status());
        ui.run(() -> {
            ui.selectTab("tab.plugins");
            // scroll to the new plugin's row, as a person looking for it would
            for (TableItem item : ui.find("plugins.table", Table.class).getItems()) {
                if (item.getText(0).equals("scrim.test.fill")) {
                    item.getParent().showItem(item);
                }
            }
        });
        Ui.Shot shot = screenshot("plugins.png");
        return "installed '" + row + "', effects " + pipeline.status().effects() + "; plugins.png " + shot.describe();
    }

    private List<String> pluginRows() {
        return ui.get(() -> {
            List<String> rows = new ArrayList<>();
            for (TableItem item : ui.find("plugins.table", Table.class).getItems()) {
                rows.add(item.getText(0) + " " + item.getText(1) + " " + item.getText(2) + " " + item.getText(3));
            }
            return rows;
        });
    }

    /** f. Round trips to the UI thread while the pipeline and the preview run. */
    private String responsiveness() throws InterruptedException {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            ui.display.syncExec(() -> {
            });
            millis.add((System.nanoTime() - start) / 1e6);
            Thread.sleep(20);
        }
        PipelineStatus s = pipeline.status();
        if (s.state() != PipelineState.RUNNING) {
            throw new Ui.Failure("the pipeline stopped while measuring: " + status());
        }
        Collections.sort(millis);
        double max = millis.get(millis.size() - 1);
        double median = (millis.get(24) + millis.get(25)) / 2;
        if (max >= 1000) {
            throw new Ui.Failure(String.format(Locale.ROOT, "the UI thread hung: max=%.1fms median=%.1fms", max, median));
        }
        return String.format(Locale.ROOT, "max=%.1fms median=%.1fms over 50 syncExec round trips (pipeline %.1f fps)", max, median, s.fps());
    }

    /**
     * g. A camera whose formats() hangs (HangingCamera): choosing it in the Devices tab makes the
     * view ask its formats, which blocks; meanwhile the UI thread must keep answering at once and
     * the window stay usable (tabs switch, the camera can be changed back). Done on a UI thread
     * blocked in the device, each round trip would take the whole hang.
     */
    private String hungCamera() throws Exception {
        String before = pipeline.status().source();
        ui.run(() -> ui.selectTab("tab.devices"));
        await("the Devices tab listing the hanging test camera", FOLLOW_MILLIS, () -> cameraIndex(HangingCamera.ID) >= 0,
                () -> "camera items " + ui.get(() -> Arrays.asList(ui.find("devices.camera", Combo.class).getItems())));
        int index = cameraIndex(HangingCamera.ID);
        int callsBefore = hanging.calls();
        long chosen = System.nanoTime();
        try {
            // the click is posted, not waited for: on a UI thread that blocks in the device it would never return
            ui.display.asyncExec(() -> chooseCamera(index));
            await("the Devices view asking the hanging camera's formats", FOLLOW_MILLIS, () -> hanging.calls() > callsBefore,
                    () -> hanging.calls() + " formats() calls");
            String caller = hanging.lastCaller();
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                millis.add(ui.roundTrip(HUNG_ROUND_TRIP_MILLIS));
                Thread.sleep(25);
            }
            // the window is usable: another tab and back, and the choice shows
            ui.within(HUNG_ROUND_TRIP_MILLIS, "showing the Effects tab", () -> {
                ui.selectTab("tab.effects");
                return null;
            });
            ui.within(HUNG_ROUND_TRIP_MILLIS, "showing the Devices tab", () -> {
                ui.selectTab("tab.devices");
                return null;
            });
            String shown = ui.within(HUNG_ROUND_TRIP_MILLIS, "reading the camera choice", () -> ui.find("devices.camera", Combo.class).getText());
            if (!shown.startsWith(HangingCamera.ID + "  ")) {
                throw new Ui.Failure("the camera combo shows '" + shown + "' after choosing " + HangingCamera.ID);
            }
            if (hanging.blocked() == 0) {
                throw new Ui.Failure("the hanging camera's formats() returned before the check ended: it proved nothing");
            }
            double blockedFor = (System.nanoTime() - chosen) / 1e9;
            Collections.sort(millis);
            double max = millis.get(millis.size() - 1);
            double median = (millis.get(9) + millis.get(10)) / 2;
            // back to the input the other steps used, while the hanging camera is still blocked
            int back = cameraIndex(before);
            if (back < 0) {
                throw new Ui.Failure("the camera combo no longer lists '" + before + "'");
            }
            ui.within(HUNG_ROUND_TRIP_MILLIS, "choosing '" + before + "' again", () -> {
                chooseCamera(back);
                return null;
            });
            await("the pipeline running on '" + before + "' again", FOLLOW_MILLIS,
                    () -> before.equals(SavedConfig.property(configAdmin, Pipeline.PID, Pipeline.CONFIG_SOURCE)) && before.equals(pipeline.status().source())
                            && pipeline.status().state() == PipelineState.RUNNING && pipeline.status().fps() > 0,
                    this::status);
            long frames = pipeline.status().capture().count();
            await("a few frames of '" + before + "'", FOLLOW_MILLIS, () -> pipeline.status().capture().count() > frames + 10, this::status);
            return String.format(Locale.ROOT, "formats() called on thread '%s', still blocked after %.1f s; max=%.1fms median=%.1fms "
                    + "over 20 round trips meanwhile; tabs switched; back on %s", caller, blockedFor, max, median, before);
        } finally {
            hanging.release(); // a UI thread blocked in it (the defect) is freed, so the window can close
        }
    }

    private int cameraIndex(String id) {
        return ui.get(() -> {
            String[] items = ui.find("devices.camera", Combo.class).getItems();
            for (int i = 0; i < items.length; i++) {
                if (items[i].startsWith(id + "  ")) {
                    return i;
                }
            }
            return -1;
        });
    }

    /** Chooses the camera combo's item as a person's pick does (on the UI thread). */
    private void chooseCamera(int index) {
        Combo combo = ui.find("devices.camera", Combo.class);
        combo.select(index);
        Event e = new Event();
        e.widget = combo;
        combo.notifyListeners(SWT.Selection, e);
    }

    // ------------------------------------------------------------ helpers

    /** Selects the list's item for this name ("name" or "name  (Label)") as a click would. */
    private static void selectItem(org.eclipse.swt.widgets.List list, String name) {
        String[] items = list.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].equals(name) || items[i].startsWith(name + "  ")) {
                list.setSelection(i);
                Event e = new Event();
                e.index = i;
                list.notifyListeners(SWT.Selection, e);
                return;
            }
        }
        throw new Ui.Failure("'" + list.getData(Ui.KEY) + "' has no item '" + name + "': " + Arrays.toString(items));
    }

    private Ui.Shot screenshot(String name) throws Exception {
        // wait for the tab's paint and a frame in the preview: it is black until the first arrives
        Thread.sleep(600);
        Ui.Shot[] last = {null};
        await("a screenshot for " + name + " with the preview showing frames", FOLLOW_MILLIS, () -> {
            last[0] = ui.shoot();
            return last[0].real();
        }, () -> last[0] == null ? "no screenshot" : last[0].describe());
        last[0].save(shots.resolve(name));
        return last[0];
    }

    private String statusLine() {
        return ui.get(() -> ui.find("status", Label.class).getText());
    }

    private String problemText(String id) {
        return ui.get(() -> ui.find(id, Label.class).getText());
    }

    private String status() {
        PipelineStatus s = pipeline.status();
        return String.format(Locale.ROOT, "status %s %.1f fps segmenter %s effects %s problems %s", s.state(), s.fps(), s.segmenter(), s.effects(),
                s.problems());
    }




    /**
     * Polls until the condition holds; returns the pipeline's status then, or fails saying what
     * was awaited and what was seen last.
     */
    private PipelineStatus await(String what, long millis, BooleanSupplier condition, Supplier<String> seen) throws InterruptedException {
        Ui.await(what, millis, condition, seen);
        return pipeline.status();
    }
}
